#!/usr/bin/env sh
# Makes the small set of real H.264 MPEG-TS segments the simulator serves (resources/media/).
#
# Every camera's live playlist cycles through the same 6 segments of 2 s; playback does too.
# Three "looks" per stream, encoded with identical settings and timestamps, so a fault can switch
# a camera from live to black or frozen between two segments without a timestamp jump:
#   live    a moving test pattern (testsrc2)
#   black   a black picture (a camera whose lens is covered or whose sensor died)
#   frozen  one still frame of the test pattern (a camera that keeps sending the same picture)
# Two streams: main (640x360) and sub (320x180). Each segment starts with a keyframe (-g 50 at
# 25 fps) so it decodes on its own; the timestamps run 0..12 s across the 6 segments and the
# playlists mark the loop back to segment 0 with #EXT-X-DISCONTINUITY.
#
# Usage: sh scripts/make-media.sh [output dir]   (needs ffmpeg with libx264)
set -eu

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

for stream in main sub; do
  if [ "$stream" = main ]; then size=640x360; rate=320k; else size=320x180; rate=120k; fi
  encode "$stream-live" "testsrc2=size=$size:rate=25" "$rate"
  encode "$stream-black" "color=c=black:size=$size:rate=25" "$rate"
  # One frame of the pattern (taken 3 s in), repeated.
  encode "$stream-frozen" \
    "testsrc2=size=$size:rate=25,trim=start_frame=75:end_frame=76,setpts=PTS-STARTPTS,loop=loop=-1:size=1,setpts=N/25/TB" \
    "$rate"
done

ls -l "$out"
du -sh "$out"
