/** The 全景 Panorama mark: a globe-like panorama circle. */
export function ProductMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#ffffff" fillOpacity="0.16" />
      <circle cx="16" cy="16" r="9" fill="none" stroke="#fff" strokeWidth="2.5" />
      <path
        d="M7 16h18M16 7c-3.5 3-3.5 15 0 18M16 7c3.5 3 3.5 15 0 18"
        fill="none"
        stroke="#fff"
        strokeWidth="1.6"
      />
    </svg>
  );
}
