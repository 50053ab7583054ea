import { useState } from 'react';
import { api } from '../api/client';
import { hasIcon, Icon } from '../ui/icons';

/** A node type's icon: `file:` icons come from the server, `fa:` names map to the built-in line icons. */
export function NodeIcon({
  icon,
  type,
  size = 40,
  name,
}: {
  icon?: string;
  type: string;
  size?: number;
  name?: string;
}) {
  const [failed, setFailed] = useState(false);
  if (icon?.startsWith('file:') && !failed) {
    return (
      <img
        className="node-icon-img"
        src={api.nodeIconUrl(type)}
        width={size}
        height={size}
        alt=""
        onError={() => setFailed(true)}
        draggable={false}
      />
    );
  }
  const fa = icon?.startsWith('fa:') ? icon.substring(3) : '';
  if (hasIcon(fa)) {
    return (
      <span className="node-icon-glyph" style={{ width: size, height: size }}>
        <Icon name={fa} size={Math.round(size * 0.7)} />
      </span>
    );
  }
  return (
    <span
      className="node-icon-glyph letter"
      style={{ width: size, height: size, fontSize: size * 0.5, lineHeight: `${size}px` }}
    >
      {(name ?? '?').charAt(0).toUpperCase()}
    </span>
  );
}
