/** A row of tabs (role="tab"), the chosen one marked active; each tab has `${testIdPrefix}-${name}`. */
export function TabBar<T extends string>({
  names,
  value,
  onChange,
  label,
  testIdPrefix,
  className,
}: {
  names: readonly T[];
  value: T;
  onChange: (name: T) => void;
  label: (name: T) => string;
  testIdPrefix: string;
  className: string;
}) {
  return (
    <div className={className} role="tablist">
      {names.map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          aria-selected={value === name}
          className={value === name ? 'active' : ''}
          data-testid={`${testIdPrefix}-${name}`}
          onClick={() => onChange(name)}
        >
          {label(name)}
        </button>
      ))}
    </div>
  );
}
