/**
 * 点名: the day's roll calls (oldest first, the latest open), each unit with its status, the age
 * of its fix, what it covered since the last roll call, and its anomalies in words (无定位 /
 * 定位过旧 / 不在责任网格 / 长时间停留); live from 'analysis.rollCall'; a chief calls one now.
 * A unit's 到点 names the day's warned places it reached since the previous roll call.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RollCall, RollCallUnit, Warning } from '../../../shared/contract/analysis';
import type { VigilErrorData } from '../../../shared/result';
import { formatHhMm } from '../../../shared/domain/time/hall-time';
import { useTimeZone } from '../../state/use-time-zone';
import { useClient } from '../../transport/use-client';
import { warnedPlacesReached } from './analysis-model';
import { ErrorNote } from './ErrorNote';

const byId = (list: readonly RollCall[], call: RollCall): RollCall[] =>
  [...list.filter((c) => c.id !== call.id), call].sort((a, b) => a.at - b.at);

/** The units with anomalies first (what the chief must see), then by call sign. */
export function anomaliesFirst(units: readonly RollCallUnit[]): RollCallUnit[] {
  return [...units].sort(
    (a, b) =>
      Number(b.anomalies.length > 0) - Number(a.anomalies.length > 0) ||
      a.callSign.localeCompare(b.callSign, 'zh-CN'),
  );
}

export function RollCallPanel({
  visible,
  mayAct,
  warnings,
}: {
  visible: boolean;
  mayAct: boolean;
  /** The day's warnings, live: their visits mark the warned places a unit reached. */
  warnings: readonly Warning[];
}) {
  const { t } = useTranslation();
  const client = useClient();
  const zone = useTimeZone();
  const [calls, setCalls] = useState<RollCall[]>([]);
  const [error, setError] = useState<VigilErrorData | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!visible) return;
    let alive = true;
    const load = (): void =>
      void client.call('analysis.rollCalls', {}).then((answer) => {
        if (!alive) return;
        if (answer.ok) {
          setCalls(answer.value);
          setError(null);
        } else setError(answer.error);
      });
    load();
    const undo = client.subscribe('analysis.rollCall', {
      onEvent: (call) => setCalls((list) => byId(list, call)),
      onReset: load,
    });
    return () => {
      alive = false;
      undo();
    };
  }, [client, visible]);

  const callNow = (): void => {
    setBusy(true);
    void client.call('analysis.rollCallNow', {}).then((answer) => {
      setBusy(false);
      if (answer.ok) {
        setCalls((list) => byId(list, answer.value));
        setNotice(
          t('analysis.rollCalls.done', {
            onDuty: answer.value.onDuty,
            anomalies: answer.value.withAnomalies,
          }),
        );
      } else setError(answer.error);
    });
  };

  return (
    <section className="analysis-rollcalls" data-testid="analysis-rollcalls">
      <div className="analysis-line">
        <h3>{t('analysis.rollCalls.title')}</h3>
        {mayAct && (
          <button type="button" disabled={busy} data-testid="rollcall-now" onClick={callNow}>
            {t('analysis.rollCalls.now')}
          </button>
        )}
        <span role="status" className="muted">
          {notice}
        </span>
      </div>
      {error && <ErrorNote error={error} what="analysis.rollCalls" />}
      {!error && calls.length === 0 && <div className="muted">{t('analysis.rollCalls.none')}</div>}
      {calls.map((call, i) => (
        <details key={call.id} open={i === calls.length - 1} data-testid="analysis-rollcall">
          <summary>
            {t('analysis.rollCalls.line', {
              slot: `${call.day} ${call.slot || formatHhMm(call.at, zone)}`,
              onDuty: call.onDuty,
              anomalies: call.withAnomalies,
            })}
          </summary>
          <table className="analysis-table">
            <thead>
              <tr>
                <th>{t('analysis.rollCalls.unit')}</th>
                <th>{t('analysis.rollCalls.status')}</th>
                <th>{t('analysis.rollCalls.fix')}</th>
                <th>{t('analysis.rollCalls.covered')}</th>
                <th>{t('analysis.rollCalls.points')}</th>
                <th>{t('analysis.rollCalls.anomaly')}</th>
              </tr>
            </thead>
            <tbody>
              {anomaliesFirst(call.units).map((u) => (
                <UnitRow
                  key={u.unitId}
                  unit={u}
                  warned={warnedPlacesReached(warnings, u.unitId, call.sinceMs, call.at)}
                />
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  );
}

function UnitRow({ unit: u, warned }: { unit: RollCallUnit; warned: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <tr className={u.anomalies.length > 0 ? 'analysis-anomalous' : ''} data-unit={u.unitId}>
      <td>{u.callSign}</td>
      <td>{t(`analysis.rollCalls.statuses.${u.status}`)}</td>
      <td className="num">
        {u.fixAgeS === null
          ? t('analysis.rollCalls.noFixYet')
          : t('analysis.rollCalls.fixAge', { seconds: Math.round(u.fixAgeS) })}
      </td>
      <td className="num">{t('analysis.rollCalls.km', { km: (u.coveredM / 1000).toFixed(1) })}</td>
      <td className="num">
        {u.pointsReached}
        {warned.length > 0 && (
          <div className="analysis-warned" data-testid="rollcall-warned">
            {t('analysis.rollCalls.warned', { names: warned.join(t('analysis.listSep')) })}
          </div>
        )}
      </td>
      <td>
        {u.anomalies.length === 0
          ? t('analysis.rollCalls.ok')
          : u.anomalies
              .map((a) =>
                t(`analysis.rollCalls.anomalies.${a}`, {
                  minutes: Math.round(u.parkedMinutes ?? 0),
                }),
              )
              .join(t('analysis.listSep'))}
      </td>
    </tr>
  );
}
