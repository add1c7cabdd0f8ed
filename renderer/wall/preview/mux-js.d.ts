/**
 * The small part of mux.js (v7, no types of its own) the key-frame previews use: the MPEG-TS
 * streams that take a segment apart into H.264 NAL units (lib/m2ts, lib/codecs/h264).
 */
declare module 'mux.js' {
  interface MuxStream<In, Out> {
    push(data: In): void;
    flush(): void;
    on(event: 'data', listener: (data: Out) => void): void;
    pipe<T>(destination: T): T;
  }

  /** A NAL unit as H264Stream emits it (data without its start code). */
  export interface MuxNalUnit {
    nalUnitTypeCode: number;
    nalUnitType?: string;
    data: Uint8Array;
    pts: number;
    dts: number;
    /** Sequence parameter sets only: what the SPS says. */
    config?: { width: number; height: number; profileIdc: number; levelIdc: number };
  }

  type Packet = Uint8Array;
  interface Parsed {
    type: string;
  }
  interface Pes {
    type: string;
    pts?: number;
    dts?: number;
    data: Uint8Array;
  }

  const muxjs: {
    mp2t: {
      TransportPacketStream: new () => MuxStream<Uint8Array, Packet>;
      TransportParseStream: new () => MuxStream<Packet, Parsed>;
      ElementaryStream: new () => MuxStream<Parsed, Pes>;
    };
    codecs: {
      h264: { H264Stream: new () => MuxStream<Pes, MuxNalUnit> };
    };
  };
  export default muxjs;
}
