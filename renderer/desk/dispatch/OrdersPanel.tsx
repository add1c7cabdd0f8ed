/**
 * The incident's orders (issue #13 item 5): each unit sent, where its order stands (待发送 /
 * 已下达 / 已签收 / 途中 / 已到场 / 已结束 / 被拒), when and by whom, and the timer it runs
 * against; past a limit it says so in red (超时未签收, 超时未到场).
 */
import { useTranslation } from 'react-i18next';
import type { OrderView } from '../../../shared/contract/dispatch';
import { formatEta, lateFlag, orderTimer } from './dispatch-model';
import { formatTimeNear } from '../../../shared/domain/time/hall-time';
import { useTimeZone } from '../../state/use-time-zone';

export function OrdersPanel({ orders, now }: { orders: readonly OrderView[]; now: number }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  return (
    <section className="dispatch-orders" data-testid="dispatch-orders">
      <h3>{t('dispatch.orders.title')}</h3>
      {orders.length === 0 && <div className="muted">{t('dispatch.orders.none')}</div>}
      {orders.map((order) => {
        const late = lateFlag(order, now);
        const timer = orderTimer(order, now);
        return (
          <div
            key={order.orderId}
            className={`order-row state-${order.state}${late ? ' late' : ''}`}
            data-testid={`order-row-${order.orderId}`}
            data-state={order.state}
            data-late={late ?? ''}
          >
            <strong>{order.callSign}</strong>
            <span className={`order-state state-${order.state}`}>
              {t(`dispatch.orders.states.${order.state}`)}
            </span>
            {late === 'ack' && <span className="tag bad">{t('dispatch.orders.lateAck')}</span>}
            {late === 'arrival' && (
              <span className="tag bad">{t('dispatch.orders.lateArrival')}</span>
            )}
            {!late && timer && (
              <span className="muted">
                {timer.awaiting === 'ack'
                  ? t('dispatch.orders.ackIn', { left: formatEta(timer.leftS) })
                  : t('dispatch.orders.arrivalIn', { left: formatEta(timer.leftS) })}
              </span>
            )}
            <span className="muted small order-meta">
              {t('dispatch.orders.orderedAt', {
                time: formatTimeNear(order.orderedAt, now, zone),
                by: order.by,
              })}
              {order.reinforcement &&
                ` · ${t('dispatch.orders.reinforcement', { level: order.reinforcement })}`}
            </span>
            {order.refusal && (
              <span className="tag bad">
                {t('dispatch.orders.refusal', { why: order.refusal })}
              </span>
            )}
          </div>
        );
      })}
    </section>
  );
}
