#!/usr/bin/env python3
"""Does a window cover a screenshot of a whole output? (packaging/test-install.sh)

    png-coverage.py SHOT.png WIDTH HEIGHT

Checks that the PNG is WIDTH x HEIGHT and that no full row or column along its edges is
the compositor's black background (cage clears the output to black; the kiosk paints every
pixel it covers): a window smaller than the output leaves such a border. Prints the sizes
and the border widths; exit code 1 when the window does not cover the output.
Plain Python (zlib): no imaging library on CI's machine.
"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG file")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    width, height, depth, color, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(color)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, color type {color}, "
                         f"interlace {interlace})")
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, pos = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[i] = (line[i] + pred) & 0xFF
        rows.append(line)
        previous = line
    colour = min(channels, 3) if color in (2, 6) else 1
    # One boolean per pixel: is it the black background?
    black = [[not any(row[x * channels:x * channels + colour]) for x in range(width)]
             for row in rows]
    return width, height, black


def border(lines):
    count = 0
    for line in lines:
        if not all(line):
            break
        count += 1
    return count


def main():
    path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    width, height, black = read_png(path)
    columns = [[black[y][x] for y in range(height)] for x in range(width)]
    edges = {
        "left": border(columns),
        "right": border(reversed(columns)),
        "top": border(black),
        "bottom": border(reversed(black)),
    }
    painted = sum(not b for row in black for b in row) / float(width * height)
    summary = (f"{width}x{height} (output {want_w}x{want_h}), black border "
               + ", ".join(f"{k} {v}" for k, v in edges.items())
               + f" px, {painted:.1%} of the pixels painted")
    ok = (width, height) == (want_w, want_h) and not any(edges.values())
    print(("the window covers the output: " if ok else "the window does NOT cover the output: ")
          + summary)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
