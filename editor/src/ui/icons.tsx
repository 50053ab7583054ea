/** A few line icons (24×24, stroke) so nothing depends on an icon font or the system's emoji. */
const PATHS: Record<string, string> = {
  bolt: 'M13 2 3 14h9l-1 8 10-12h-9l1-8z',
  'mouse-pointer': 'M4 4l7 17 2.5-7.5L21 11z',
  clock: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z M12 7v5l3 2',
  'map-signs': 'M16 3h5v5 M8 3H3v5 M12 22v-8.3a4 4 0 0 0-1.2-2.9L3 3 M15 9l6-6',
  'code-branch': 'M8 6l4-4 4 4 M12 2v10.3a4 4 0 0 1-1.2 2.9L4 22 M20 22l-5-5',
  'arrow-right': 'M5 12h14 M12 5l7 7-7 7',
  reply: 'M9 17l-5-5 5-5 M20 18v-2a4 4 0 0 0-4-4H4',
  'pause-circle': 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z M10 15V9 M14 15V9',
  pen: 'M12 20h9 M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z',
  code: 'M16 18l6-6-6-6 M8 6l-6 6 6 6',
  globe: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z M3 12h18 M12 3a14 14 0 0 1 0 18 M12 3a14 14 0 0 0 0 18',
  filter: 'M22 3H2l8 9.5V19l4 2v-8.5z',
  home: 'M3 10l9-7 9 7v10a1 1 0 0 1-1 1h-5v-7H9v7H4a1 1 0 0 1-1-1z',
  workflows: 'M4 4h6v6H4z M14 14h6v6h-6z M7 10v3a2 2 0 0 0 2 2h5',
  key: 'M7.5 11a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9z M10.7 12.3 21 2 M17 6l3 3 M15 8l2 2',
  list: 'M8 6h13 M8 12h13 M8 18h13 M3 6h.01 M3 12h.01 M3 18h.01',
  trash: 'M3 6h18 M8 6V4h8v2 M19 6l-1 14H6L5 6 M10 11v6 M14 11v6',
  copy: 'M9 9h11v11H9z M5 15H4V4h11v1',
  refresh: 'M21 12a9 9 0 1 1-3-6.7L21 8 M21 3v5h-5',
  undo: 'M3 7v6h6 M3 13a9 9 0 1 0 3-7.7L3 8',
  redo: 'M21 7v6h-6 M21 13a9 9 0 1 1-3-7.7L21 8',
  download: 'M12 3v12 M7 10l5 5 5-5 M5 21h14',
  play: 'M6 4l14 8-14 8z',
  stop: 'M6 6h12v12H6z',
  pin: 'M12 17v5 M9 3h6l-1 7 4 4H6l4-4z',
  plus: 'M12 5v14 M5 12h14',
  edit: 'M12 20h9 M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z',
  check: 'M20 6 9 17l-5-5',
  alert: 'M12 3 2 21h20z M12 10v5 M12 18h.01',
  x: 'M18 6 6 18 M6 6l12 12',
  chevronLeft: 'M15 18l-6-6 6-6',
  logout: 'M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4 M16 17l5-5-5-5 M21 12H9',
};

export function hasIcon(name: string): boolean {
  return name in PATHS;
}

export function Icon({
  name,
  size = 16,
  className,
  title,
}: {
  name: string;
  size?: number;
  className?: string;
  title?: string;
}) {
  const d = PATHS[name] ?? PATHS.code;
  return (
    <svg
      className={`icon ${className ?? ''}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
    >
      {title ? <title>{title}</title> : null}
      {d.split(' M').map((seg, i) => (
        <path key={i} d={i === 0 ? seg : `M${seg}`} />
      ))}
    </svg>
  );
}
