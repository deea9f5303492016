interface ImportMetaEnv {
  /** Base URL of the Touchpoint server. @default 'http://127.0.0.1:8787' */
  readonly VITE_TOUCHPOINT_ENDPOINT?: string;
  /** The site's public key. @default 'pk_planwise' */
  readonly VITE_TOUCHPOINT_SITE_KEY?: string;
}
