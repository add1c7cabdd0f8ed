/**
 * Every camera of the catalog on ONE canvas (a Leaflet layer of our own): 26,000 dots in one
 * pass per view change, grouped by colour so each colour is one path and one fill. DOM markers
 * stall the page at this count (issue #5's spike: 7 s); Leaflet's own L.circleMarker keeps an
 * object and a hit-test entry per point. Here a camera is a few numbers in typed arrays.
 *
 * Field-of-view sectors are drawn from zoom 16. Hover and click are hit-tested against the points
 * projected for the last draw (nearest within a few pixels).
 *
 * Discipline (CONVENTIONS.md): the canvas is created in onAdd and removed in onRemove; the map
 * listeners are the layer's getEvents(), which Leaflet adds and removes with the layer.
 */
import L from 'leaflet';
import type { Camera, CameraStatus } from '../../shared/api';
import type { HealthMark } from '../../shared/contract/health';
import { cameraColour, cameraRadius, FOV_MIN_ZOOM, healthRing } from './map-style';

export interface CameraLayerEvents {
  onHover: (camera: Camera | null, at: L.LatLng | null) => void;
  onClick: (camera: Camera, at: L.LatLng) => void;
}

/** How much larger than the view the canvas is, so a pan shows dots before it ends. */
const PAD = 0.25;
const HIT_PX = 7;

export class CameraCanvasLayer extends L.Layer {
  private canvas: HTMLCanvasElement | null = null;
  private cameras: Camera[] = [];
  private statuses: ReadonlyMap<string, CameraStatus> = new Map();
  /** Health marks (issue #16): a bad picture or an open ticket rings the dot. */
  private health: ReadonlyMap<string, HealthMark> = new Map();
  private place: (lat: number, lng: number) => [number, number] = (lat, lng) => [lat, lng];
  /** Container-pixel x, y of each camera at the last draw (NaN when off-canvas). */
  private xs = new Float64Array(0);
  private ys = new Float64Array(0);
  private hovered = -1;
  /** Dots drawn this many times their desk size (a wall read from 3 m: WALL_DOT_SCALE). */
  private scale = 1;
  private readonly events: CameraLayerEvents;
  private readonly paneName: string;
  /** Cameras inside the canvas at the last draw. */
  drawnInView = 0;
  lastDrawMs = 0;

  constructor(paneName: string, events: CameraLayerEvents) {
    super();
    this.paneName = paneName;
    this.events = events;
  }

  setData(
    cameras: Camera[],
    statuses: ReadonlyMap<string, CameraStatus>,
    place: (lat: number, lng: number) => [number, number],
    health: ReadonlyMap<string, HealthMark> = new Map(),
  ): void {
    this.cameras = cameras;
    this.statuses = statuses;
    this.place = place;
    this.health = health;
    this.redraw();
  }

  /** Dot size as a multiple of the desk's (1); redraws. */
  setScale(scale: number): void {
    if (scale === this.scale) return;
    this.scale = scale;
    this.redraw();
  }

  /** The dots' radius in pixels at the last draw's zoom. */
  get radiusPx(): number {
    const map = this._map as L.Map | undefined;
    return map ? cameraRadius(map.getZoom()) * this.scale : 0;
  }

  get count(): number {
    return this.cameras.length;
  }

  override onAdd(map: L.Map): this {
    const canvas = L.DomUtil.create('canvas', 'vigil-camera-canvas leaflet-zoom-hide');
    map.getPane(this.paneName)!.appendChild(canvas);
    this.canvas = canvas;
    this.redraw();
    return this;
  }

  /**
   * The map events this layer listens to: Leaflet adds them with the layer (`map.on(events, layer)`
   * in addLayer) and removes them with it, so the listeners pair by construction.
   */
  override getEvents(): Record<string, L.LeafletEventHandlerFn> {
    return {
      moveend: this.redraw,
      zoomend: this.redraw,
      resize: this.redraw,
      viewreset: this.redraw,
      mousemove: this.onMouseMove as L.LeafletEventHandlerFn,
      mouseout: this.onMouseOut as L.LeafletEventHandlerFn,
      click: this.onMapClick as L.LeafletEventHandlerFn,
    };
  }

  override onRemove(_map: L.Map): this {
    this.canvas?.remove();
    this.canvas = null;
    return this;
  }

  redraw(): void {
    const map = this._map as L.Map | undefined;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    const started = performance.now();
    const size = map.getSize();
    const padX = Math.round(size.x * PAD);
    const padY = Math.round(size.y * PAD);
    const width = size.x + 2 * padX;
    const height = size.y + 2 * padY;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([-padX, -padY]));
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);

    const zoom = map.getZoom();
    const radius = cameraRadius(zoom) * this.scale;
    const n = this.cameras.length;
    if (this.xs.length !== n) {
      this.xs = new Float64Array(n);
      this.ys = new Float64Array(n);
    }
    // Pixel origin: project once per draw, then each camera is arithmetic.
    const origin = map.getPixelOrigin().add(map.containerPointToLayerPoint([0, 0]));
    const byColour = new Map<string, number[]>();
    const fovs: number[] = [];
    let inView = 0;
    for (let i = 0; i < n; i++) {
      const camera = this.cameras[i]!;
      const [lat, lng] = this.place(camera.lat, camera.lng);
      const p = map.project([lat, lng], zoom);
      const x = p.x - origin.x;
      const y = p.y - origin.y;
      if (x < -padX - 20 || y < -padY - 20 || x > size.x + padX + 20 || y > size.y + padY + 20) {
        this.xs[i] = NaN;
        this.ys[i] = NaN;
        continue;
      }
      this.xs[i] = x;
      this.ys[i] = y;
      inView++;
      const colour = cameraColour(camera.kind, this.statuses.get(camera.id) ?? camera.status);
      let list = byColour.get(colour);
      if (!list) byColour.set(colour, (list = []));
      list.push(i);
      if (zoom >= FOV_MIN_ZOOM && camera.heading !== undefined && camera.fov && camera.range) {
        fovs.push(i);
      }
    }

    // Sectors first (under the dots): range in pixels at this latitude.
    if (fovs.length > 0) {
      const metresPerPixel =
        (40_075_016.686 * Math.cos((map.getCenter().lat * Math.PI) / 180)) / (256 * 2 ** zoom);
      for (const i of fovs) {
        const camera = this.cameras[i]!;
        const colour = cameraColour(camera.kind, this.statuses.get(camera.id) ?? camera.status);
        const r = Math.min(400, camera.range! / metresPerPixel);
        const x = this.xs[i]! + padX;
        const y = this.ys[i]! + padY;
        ctx.beginPath();
        if (camera.fov! >= 360) {
          ctx.arc(x, y, r, 0, Math.PI * 2);
        } else {
          // Canvas angles start east and turn clockwise; headings start north.
          const mid = ((camera.heading! - 90) * Math.PI) / 180;
          const half = (camera.fov! * Math.PI) / 360;
          ctx.moveTo(x, y);
          ctx.arc(x, y, r, mid - half, mid + half);
          ctx.closePath();
        }
        ctx.fillStyle = colour;
        ctx.globalAlpha = 0.09;
        ctx.fill();
        ctx.globalAlpha = 0.35;
        ctx.strokeStyle = colour;
        ctx.lineWidth = 1;
        ctx.stroke();
      }
      ctx.globalAlpha = 1;
    }

    ctx.lineWidth = this.scale > 1 ? 2 : 1;
    ctx.strokeStyle = 'rgba(5, 10, 16, 0.85)';
    for (const [colour, list] of byColour) {
      ctx.beginPath();
      for (const i of list) {
        const x = this.xs[i]! + padX;
        const y = this.ys[i]! + padY;
        ctx.moveTo(x + radius, y);
        ctx.arc(x, y, radius, 0, Math.PI * 2);
      }
      ctx.fillStyle = colour;
      ctx.fill();
      if (radius >= 3) ctx.stroke();
    }
    // A bad picture or an open ticket: a ring round the dot (its fill stays the kind's colour).
    if (this.health.size > 0) {
      const byRing = new Map<string, number[]>();
      for (let i = 0; i < n; i++) {
        if (Number.isNaN(this.xs[i]!)) continue;
        const ring = healthRing(this.health.get(this.cameras[i]!.id));
        if (!ring) continue;
        let list = byRing.get(ring);
        if (!list) byRing.set(ring, (list = []));
        list.push(i);
      }
      ctx.lineWidth = Math.max(1.5, radius * 0.6);
      const r = radius + ctx.lineWidth;
      for (const [ring, list] of byRing) {
        ctx.beginPath();
        for (const i of list) {
          const x = this.xs[i]! + padX;
          const y = this.ys[i]! + padY;
          ctx.moveTo(x + r, y);
          ctx.arc(x, y, r, 0, Math.PI * 2);
        }
        ctx.strokeStyle = ring;
        ctx.stroke();
      }
    }
    this.drawnInView = inView;
    this.lastDrawMs = performance.now() - started;
    this.fire('drawn', { count: n, inView });
  }

  /** The camera under a container point, nearest within HIT_PX, or -1. */
  private hit(point: L.Point): number {
    let best = -1;
    const reach = HIT_PX * this.scale;
    let bestD = reach * reach;
    for (let i = 0; i < this.xs.length; i++) {
      const dx = this.xs[i]! - point.x;
      if (!(dx <= reach && dx >= -reach)) continue; // also skips NaN
      const dy = this.ys[i]! - point.y;
      const d = dx * dx + dy * dy;
      if (d <= bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  private onMouseMove(event: L.LeafletMouseEvent): void {
    const index = this.hit(event.containerPoint);
    if (index === this.hovered) return;
    this.hovered = index;
    const map = this._map as L.Map;
    map.getContainer().classList.toggle('vigil-over-camera', index >= 0);
    if (index < 0) {
      this.events.onHover(null, null);
      return;
    }
    const camera = this.cameras[index]!;
    this.events.onHover(camera, L.latLng(this.place(camera.lat, camera.lng)));
  }

  private onMouseOut(): void {
    if (this.hovered < 0) return;
    this.hovered = -1;
    (this._map as L.Map).getContainer().classList.remove('vigil-over-camera');
    this.events.onHover(null, null);
  }

  private onMapClick(event: L.LeafletMouseEvent): void {
    const index = this.hit(event.containerPoint);
    if (index < 0) return;
    const camera = this.cameras[index]!;
    this.events.onClick(camera, L.latLng(this.place(camera.lat, camera.lng)));
  }
}
