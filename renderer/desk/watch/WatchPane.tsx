/**
 * The desk's Watch tab (巡查, issue #4): automatic rotation, scheduled patrol tours and focus
 * watch (and a small coverage panel), each a screen over the core's watch contract. What is
 * listed is what the core says (rotation / tour / focus events), never what the desk sent.
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area, Camera, CameraStatus } from '../../../shared/api';
import '../../styles/watch.css';
import { useWalls } from '../../state/use-walls';
import { useClient } from '../../transport/use-client';
import { useSession } from '../../state/use-session';
import { useNotice } from '../../common/use-notice';
import { TabBar } from '../TabBar';
import { CoveragePanel } from './CoveragePanel';
import { FocusPanel } from './FocusPanel';
import { RotationPanel } from './RotationPanel';
import { TourPanel } from './TourPanel';
import { WatchContext, type Act, type WatchContextValue } from './watch-context';

export interface WatchPaneProps {
  cameras: ReadonlyMap<string, Camera> | undefined;
  areas: ReadonlyMap<string, Area> | undefined;
  statuses: ReadonlyMap<string, CameraStatus>;
  selectedId: string | null;
  checkedIds: readonly string[];
  onClearChecked: () => void;
}

const sections = ['rotation', 'tours', 'focus', 'coverage'] as const;
type Section = (typeof sections)[number];
const NO_CAMERAS: ReadonlyMap<string, Camera> = new Map();

export function WatchPane({
  cameras,
  areas,
  statuses,
  selectedId,
  checkedIds,
  onClearChecked,
}: WatchPaneProps) {
  const { t } = useTranslation();
  const client = useClient();
  const walls = useWalls().value;
  const [section, setSection] = useState<Section>('rotation');
  // Successes go in seconds, errors later (issue #15: a "saved" stayed 20 minutes).
  const [notice, setNotice] = useNotice();
  const [busy, setBusy] = useState(0);
  // The operator on duty now (a handover changes it while the tab stays open).
  const operator = useSession().value?.operator?.name ?? '';

  const act = useCallback<Act>(
    async (what, method, input, success) => {
      setBusy((n) => n + 1);
      const result = await client.call(method, input);
      setBusy((n) => n - 1);
      if (!result.ok) {
        setNotice({
          text: t('watchDesk.common.failed', {
            what,
            code: t(`errors.${result.error.code}`),
            message: result.error.message,
          }),
          error: true,
        });
        return null;
      }
      const text = success?.(result.value) ?? null;
      if (text !== null) setNotice({ text, error: false });
      return result.value;
    },
    [client, setNotice, t],
  );

  const context = useMemo<WatchContextValue>(
    () => ({
      cameras: cameras ?? NO_CAMERAS,
      statuses,
      walls: walls ?? [],
      selectedId,
      checkedIds,
      clearChecked: onClearChecked,
      operator,
      areaName: (id) => areas?.get(id)?.name ?? id,
      act,
      busy: busy > 0,
    }),
    [cameras, areas, statuses, walls, selectedId, checkedIds, onClearChecked, operator, act, busy],
  );

  return (
    <WatchContext.Provider value={context}>
      <div className="watch-pane" data-testid="watch-pane">
        <div className="watch-sections">
          <TabBar
            className="watch-tabs"
            names={sections}
            value={section}
            onChange={setSection}
            testIdPrefix="watch-section"
            label={(name) => t(`watchDesk.sections.${name}`)}
          />
          <div
            className={`watch-notice${notice?.error ? ' error' : ''}`}
            data-testid="watch-notice"
            data-error={notice?.error ? 'true' : 'false'}
            role={notice?.error ? 'alert' : 'status'}
            aria-live="polite"
            title={notice?.text}
          >
            {notice?.text}
          </div>
        </div>
        <div className="watch-body">
          {section === 'rotation' && <RotationPanel />}
          {section === 'tours' && <TourPanel />}
          {section === 'focus' && <FocusPanel />}
          {section === 'coverage' && <CoveragePanel />}
        </div>
      </div>
    </WatchContext.Provider>
  );
}
