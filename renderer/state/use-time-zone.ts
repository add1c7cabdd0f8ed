/**
 * The hall's time zone (the config's `station.timeZone`, from `station.info`): every time this
 * window shows or reads from a picker goes through shared/domain/time/hall-time.ts with it, so a
 * desk or a wall on a machine set to another zone still shows the hall's clock. Asia/Shanghai
 * until the core answers (and from an older core that does not say).
 */
import { defaultTimeZone } from '../../shared/domain/time/hall-time';
import { useStationInfo } from './use-station-info';

export function useTimeZone(): string {
  const info = useStationInfo();
  return info?.timeZone ?? defaultTimeZone;
}
