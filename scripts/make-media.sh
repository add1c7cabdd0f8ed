#!/usr/bin/env sh
# Makes the small set of real H.264 segments the simulator serves (resources/media/): MPEG-TS, and
# the same pictures remuxed (no re-encode) into fragmented MP4 for the cameras served as fMP4 HLS.
#
# Every camera's live playlist cycles through the same 6 segments of 2 s; playback does too.
# Three "looks" per stream, encoded with identical settings and timestamps, so a fault can switch
# a camera from live to black or frozen between two segments without a timestamp jump:
#   live    a moving test pattern (testsrc2)
#   black   a black picture (a camera whose lens is covered or whose sensor died)
#   frozen  one still frame of the test pattern (a camera that keeps sending the same picture)
# Two streams: main (640x360) and sub (320x180). Each segment starts with a keyframe (-g 50 at
# 25 fps) so it decodes on its own; the timestamps run on across the 6 segments, and the
# simulator moves each served copy on by whole loops (electron/sim/ts-retime.ts, fmp4-retime.ts).
#
# fMP4: <stream>-<look>-<i>.m4s (one moof + mdat, tfdt 0..10 s) and one <stream>-init.mp4 per
# stream, shared by the three looks (same encoder settings, so the same SPS/PPS; checked below),
# so a fault can switch look without a new EXT-X-MAP.
#
# Usage: sh scripts/make-media.sh [--fmp4] [output dir]   (needs ffmpeg with libx264)
#   --fmp4   only remake the fMP4 files from the MPEG-TS already in the output dir
set -eu

fmp4_only=
if [ "${1:-}" = --fmp4 ]; then fmp4_only=1; shift; fi
out="${1:-$(dirname "$0")/../resources/media}"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

seconds=12
segment=2

encode() {
  # $1 name prefix (e.g. main-live), $2 lavfi source graph, $3 bitrate
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "$2" -t "$seconds" \
    -an -c:v libx264 -profile:v main -level 3.1 -pix_fmt yuv420p -preset veryfast \
    -crf 30 -maxrate "$3" -bufsize "$3" \
    -g 50 -keyint_min 50 -sc_threshold 0 -force_key_frames "expr:gte(t,n_forced*$segment)" \
    -f hls -hls_time "$segment" -hls_list_size 0 -hls_playlist_type vod \
    -hls_segment_filename "$tmp/$1-%d.ts" "$tmp/$1.m3u8"
  for f in "$tmp/$1"-*.ts; do mv "$f" "$out/"; done
}

remux_fmp4() {
  # $1 name prefix (e.g. main-live): its 6 TS segments joined and cut again at the same keyframes
  # (-hls_time 2) into $1-<i>.m4s, and $1-init.mp4 left in $tmp.
  inputs=""
  for i in 0 1 2 3 4 5; do inputs="$inputs${inputs:+|}$out/$1-$i.ts"; done
  ffmpeg -hide_banner -loglevel error -y -i "concat:$inputs" -c copy \
    -f hls -hls_time "$segment" -hls_list_size 0 -hls_playlist_type vod \
    -hls_segment_type fmp4 -hls_fmp4_init_filename "$1-init.mp4" \
    -hls_segment_filename "$tmp/$1-%d.m4s" "$tmp/$1-fmp4.m3u8"
  for f in "$tmp/$1"-*.m4s; do mv "$f" "$out/"; done
}

for stream in main sub; do
  if [ "$stream" = main ]; then size=640x360; rate=320k; else size=320x180; rate=120k; fi
  if [ -z "$fmp4_only" ]; then
    encode "$stream-live" "testsrc2=size=$size:rate=25" "$rate"
    encode "$stream-black" "color=c=black:size=$size:rate=25" "$rate"
    # One frame of the pattern (taken 3 s in), repeated.
    encode "$stream-frozen" \
      "testsrc2=size=$size:rate=25,trim=start_frame=75:end_frame=76,setpts=PTS-STARTPTS,loop=loop=-1:size=1,setpts=N/25/TB" \
      "$rate"
  fi
  for look in live black frozen; do remux_fmp4 "$stream-$look"; done
  for look in black frozen; do
    if ! cmp -s "$tmp/$stream-live-init.mp4" "$tmp/$stream-$look-init.mp4"; then
      echo "make-media: $stream-$look's init segment differs from $stream-live's" >&2
      exit 1
    fi
  done
  mv "$tmp/$stream-live-init.mp4" "$out/$stream-init.mp4"
done

ls -l "$out"
du -sh "$out"
