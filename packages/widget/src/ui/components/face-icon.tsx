/** A face for CSAT value 1 (deep frown) to 5 (broad smile): the mouth's curve follows the value. */
export function FaceIcon({ value }: { value: number }) {
  const curve = value - 3;
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="12" cy="12" r="10" />
      <path d={`M9 9.5v.5M15 9.5v.5M8 ${15.5 - curve} Q12 ${15.5 + 1.6 * curve} 16 ${15.5 - curve}`} />
    </svg>
  );
}
