import './touchpoint';
import { startRouter } from './router';

startRouter(document.getElementById('app')!);
