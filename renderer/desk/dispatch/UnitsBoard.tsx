/**
 * The units board (issue #13 item 5): every unit by zone, how many are doing what, searchable by
 * call sign; each with its availability (可派 / 有条件可派 / 不可派) and activity in words and the
 * incident it is on. A click centres the map on the unit.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area } from '../../../shared/api';
import type { Incident, UnitBoardEntry } from '../../../shared/contract/dispatch';
import type { UnitBoard } from '../../state/use-unit-board';
import { boardGroups } from './board-model';

export function UnitsBoard({
  board,
  incidents,
  areas,
  onLocate,
}: {
  board: UnitBoard | undefined;
  incidents: ReadonlyMap<string, Incident>;
  areas: ReadonlyMap<string, Area> | undefined;
  onLocate: (unit: UnitBoardEntry) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const groups = useMemo(
    () => boardGroups(board?.values() ?? [], search, (id) => areas?.get(id)?.name ?? id),
    [board, search, areas],
  );
  const total = groups.reduce((n, g) => n + g.units.length, 0);
  return (
    <section className="units-board" data-testid="units-board">
      <div className="dispatch-filters">
        <input
          type="search"
          value={search}
          placeholder={t('dispatch.units.search')}
          aria-label={t('dispatch.units.search')}
          data-testid="units-board-search"
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="muted">{t('dispatch.units.count', { count: total })}</span>
      </div>
      {board === undefined && <div className="muted">{t('dispatch.loading')}</div>}
      {board !== undefined && total === 0 && (
        <div className="muted">{t('dispatch.units.empty')}</div>
      )}
      {groups.map((group) => (
        <details
          key={group.zoneId ?? '-'}
          className="units-zone"
          open={search.trim() !== '' || groups.length === 1}
          data-testid={`units-zone-${group.zoneId ?? 'none'}`}
        >
          <summary>
            <strong>{group.zoneId ? group.name : t('dispatch.units.noZone')}</strong>
            <span className="units-counts">
              {group.counts.map(([activity, count]) => (
                <span key={activity} className={`act act-${activity}`}>
                  {t(`dispatch.units.activity.${activity}`)} {count}
                </span>
              ))}
            </span>
          </summary>
          <ul>
            {group.units.map((u) => {
              const incident = u.incidentId ? incidents.get(u.incidentId) : undefined;
              return (
                <li key={u.unitId}>
                  <button
                    type="button"
                    className={`unit-row avail-${u.availability} act-${u.activity}`}
                    data-testid={`unit-row-${u.unitId}`}
                    onClick={() => onLocate(u)}
                  >
                    <strong>{u.callSign}</strong>
                    <span className="muted">{t(`dispatch.units.kinds.${u.kind}`)}</span>
                    <span className={`avail avail-${u.availability}`}>
                      {t(`dispatch.units.availability.${u.availability}`)}
                    </span>
                    <span className={`act act-${u.activity}`}>
                      {t(`dispatch.units.activity.${u.activity}`)}
                    </span>
                    {u.incidentId && (
                      <span className="muted">
                        {t('dispatch.units.on', { number: incident?.number ?? u.incidentId })}
                      </span>
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
        </details>
      ))}
    </section>
  );
}
