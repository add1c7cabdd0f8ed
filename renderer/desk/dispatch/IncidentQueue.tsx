/**
 * The incident queue (issue #13 item 2): oldest unhandled first, filtered by status, category and
 * zone, searched by number, address, plate or phone. Each row says the level (colour and word),
 * number, category, address, age, status, source, the units on it and what is pending, refused or
 * late; a new one flashes.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area } from '../../../shared/api';
import type { Incident, OrderView } from '../../../shared/contract/dispatch';
import { incidentStatuses } from '../../../shared/contract/platform';
import {
  ageMinutes,
  categoriesOf,
  filterQueue,
  levelColour,
  rowBadges,
  statusFilters,
  type QueueFilter,
  type StatusFilter,
} from './dispatch-model';
import { formatTimeNear } from '../../../shared/domain/time/hall-time';
import { useTimeZone } from '../../state/use-time-zone';

export function IncidentQueue({
  incidents,
  orders,
  areas,
  filter,
  onFilter,
  selectedId,
  onSelect,
  flashing,
  now,
  onOpenByHand,
  loading,
}: {
  incidents: readonly Incident[];
  orders: readonly OrderView[];
  areas: ReadonlyMap<string, Area> | undefined;
  filter: QueueFilter;
  onFilter: (filter: QueueFilter) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
  flashing: ReadonlySet<string>;
  now: number;
  onOpenByHand: () => void;
  loading: string | null;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const shown = useMemo(() => filterQueue(incidents, filter), [incidents, filter]);
  const categories = useMemo(() => categoriesOf(incidents), [incidents]);
  const zones = useMemo(
    () =>
      [...(areas?.values() ?? [])]
        .filter((a) => a.level === 'zone')
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    [areas],
  );
  const statusLabel = (value: StatusFilter): string =>
    (statusFilters as readonly string[]).includes(value)
      ? t(`dispatch.queue.filters.${value as (typeof statusFilters)[number]}`)
      : t(`dispatch.statuses.${value as Incident['status']}`);

  return (
    <section className="dispatch-queue" data-testid="incident-queue">
      <header className="dispatch-queue-head">
        <h2 className="panel-title">
          {t('dispatch.queue.title')}
          <span className="muted" data-testid="incident-count">
            {t('dispatch.queue.count', { shown: shown.length, total: incidents.length })}
          </span>
        </h2>
        <button
          type="button"
          className="primary"
          data-testid="incident-open-by-hand"
          onClick={onOpenByHand}
        >
          {t('dispatch.queue.openByHand')}
        </button>
      </header>
      <div className="dispatch-filters">
        <input
          type="search"
          value={filter.search}
          placeholder={t('dispatch.queue.search')}
          aria-label={t('dispatch.queue.search')}
          data-testid="incident-search"
          onChange={(e) => onFilter({ ...filter, search: e.target.value })}
        />
        <select
          value={filter.status}
          aria-label={t('dispatch.queue.statusFilter')}
          data-testid="incident-filter-status"
          onChange={(e) => onFilter({ ...filter, status: e.target.value as StatusFilter })}
        >
          {[...statusFilters, ...incidentStatuses].map((value) => (
            <option key={value} value={value}>
              {statusLabel(value)}
            </option>
          ))}
        </select>
        <select
          value={filter.category}
          aria-label={t('dispatch.queue.categoryFilter')}
          data-testid="incident-filter-category"
          onChange={(e) => onFilter({ ...filter, category: e.target.value })}
        >
          <option value="">{t('dispatch.queue.allCategories')}</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <select
          value={filter.zoneId}
          aria-label={t('dispatch.queue.zoneFilter')}
          data-testid="incident-filter-zone"
          onChange={(e) => onFilter({ ...filter, zoneId: e.target.value })}
        >
          <option value="">{t('dispatch.queue.allZones')}</option>
          {zones.map((z) => (
            <option key={z.id} value={z.id}>
              {z.name}
            </option>
          ))}
          <option value="-">{t('dispatch.queue.noZone')}</option>
        </select>
      </div>
      <ol className="dispatch-rows">
        {loading && <li className="muted dispatch-empty">{loading}</li>}
        {!loading && shown.length === 0 && (
          <li className="muted dispatch-empty">{t('dispatch.queue.empty')}</li>
        )}
        {shown.map((incident) => {
          const badges = rowBadges(incident, orders, now);
          const classes = [
            'incident-row',
            `status-${incident.status}`,
            incident.id === selectedId ? 'selected' : '',
            flashing.has(incident.id) ? 'flash' : '',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <li key={incident.id}>
              <button
                type="button"
                className={classes}
                style={{ borderLeftColor: levelColour[incident.level] }}
                aria-current={incident.id === selectedId}
                data-testid={`incident-row-${incident.id}`}
                data-status={incident.status}
                onClick={() => onSelect(incident.id)}
              >
                <span className="incident-row-line">
                  <span
                    className="level-chip"
                    style={{ background: levelColour[incident.level] }}
                    title={t(`dispatch.levels.${incident.level}`)}
                  >
                    {t(`dispatch.levelShort.${incident.level}`)}
                  </span>
                  <span className="incident-number">{incident.number}</span>
                  <span className="incident-category">{incident.category}</span>
                  <span className="spacer" />
                  <span
                    className="incident-age"
                    title={formatTimeNear(incident.reportedAt, now, zone)}
                  >
                    {t('dispatch.queue.age', { minutes: ageMinutes(incident.reportedAt, now) })}
                  </span>
                </span>
                <span className="incident-row-line">
                  <span className="incident-address">{incident.address || '—'}</span>
                </span>
                <span className="incident-row-line small">
                  <span className={`status-word status-${incident.status}`}>
                    {t(`dispatch.statuses.${incident.status}`)}
                  </span>
                  <span className={`source-word source-${incident.source}`}>
                    {t(`dispatch.sources.${incident.source}`)}
                  </span>
                  {incident.units.length > 0 && (
                    <span className="muted">
                      {t('dispatch.queue.units', { count: incident.units.length })}
                    </span>
                  )}
                  <span className="spacer" />
                  {badges.provisional && (
                    <span className="tag warn">{t('dispatch.queue.provisional')}</span>
                  )}
                  {badges.pending > 0 && (
                    <span className="tag warn" data-testid="incident-pending">
                      {t('dispatch.queue.pending', { count: badges.pending })}
                    </span>
                  )}
                  {badges.refused && (
                    <span className="tag bad" data-testid="incident-refused">
                      {t('dispatch.queue.refused')}
                    </span>
                  )}
                  {badges.late > 0 && (
                    <span className="tag bad">
                      {t('dispatch.queue.late', { count: badges.late })}
                    </span>
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
