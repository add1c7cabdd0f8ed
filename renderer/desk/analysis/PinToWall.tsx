/**
 * Pin the product shown to a wall (issue #17 item 6): the chief picks a wall and whether it shows
 * the latest period (rolling on to the next day / week / month) or the day shown; the wall then
 * draws the product full-screen as a dashboard (renderer/wall/WallProduct.tsx) until the desk
 * gives it a tile layout again (the walls' layout menu).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductKind, ProductPin } from '../../../shared/contract/analysis';
import { useWalls } from '../../state/use-walls';
import { useClient } from '../../transport/use-client';
import { usePinText } from './PinText';

export function PinToWall({
  kind,
  date,
  areaId,
  areaName,
  onDone,
}: {
  kind: ProductKind;
  date: string;
  areaId: string;
  areaName: (id: string) => string | undefined;
  /** What happened, in words (pinned, or why not). */
  onDone: (words: string) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const walls = useWalls().value ?? [];
  const pinText = usePinText(areaName);
  const [wallId, setWallId] = useState(1);
  const [latest, setLatest] = useState(true);
  const pin = (event: FormEvent): void => {
    event.preventDefault();
    const product: ProductPin = {
      kind,
      ...(latest ? {} : { date }),
      ...(areaId ? { areaId } : {}),
    };
    void client
      .call('wall.setLayout', { wallId, layout: { kind: 'product', product } })
      .then((answer) =>
        onDone(
          answer.ok
            ? t('analysis.wall.pinned', {
                product: pinText(product),
                wall: t('walls.wall', { id: wallId }),
              })
            : t('analysis.failed', {
                what: t('analysis.wall.pinTo'),
                message: answer.error.message,
              }),
        ),
      );
  };
  return (
    <form className="analysis-date" onSubmit={pin} data-testid="analysis-pin">
      <label>
        {t('analysis.wall.pinTo')}
        <select
          value={wallId}
          data-testid="analysis-pin-wall"
          onChange={(e) => setWallId(Number(e.target.value))}
        >
          {walls.map((w) => (
            <option key={w.wallId} value={w.wallId}>
              {t('walls.wall', { id: w.wallId })}
              {w.name ? ` · ${w.name}` : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="analysis-check">
        <input
          type="checkbox"
          checked={latest}
          data-testid="analysis-pin-latest"
          onChange={(e) => setLatest(e.target.checked)}
        />
        {t('analysis.wall.latest')}
      </label>
      <button type="submit" data-testid="analysis-pin-button">
        {t('analysis.wall.pin')}
      </button>
    </form>
  );
}
