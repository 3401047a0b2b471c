#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a synthetic timeline of N events for the benchmarks.

    gen-timeline.py N --format yeonpyo|timelinejs|tsv --out DIR [--seed 1]

DIR/timeline.json gets N events spread over 2023-11-01..2025-07-31
(America/Los_Angeles), 30% of them inside the board-crisis burst
(2023-11-17..22), ids in time order, a title of about 30 characters that
mixes Korean and English words, and one of 6 groups. This is the data the
web timelines (vis-timeline, TimelineJS) were measured with.

yeonpyo: the group is the category (governance, people, product, business,
publication, media; a publication event names its source, g5, in
publication_of). Every event cites its group's source, DIR/seeds/gN.txt,
with a quote that is one of that file's eight lines, so checking the quotes
stays cheap at a million events. The eras are the five of the shipped
record. 80% of the events are exact to the second (UTC), 20% are whole
days in Pacific time. The file loads with 0 errors and 0 warnings.

timelinejs: a Knight Lab TimelineJS document; the group is "g1".."g6".

tsv: DIR/events.tsv, the same events one per line (anchor, e or d, group,
quote, title), which tests/bench/bench-timeline reads with --synthetic.

Deterministic for a given N, format and seed. Standard library only.
"""

import argparse
import datetime
import hashlib
import json
import os
import random
import sys
import time
import zoneinfo

LA = zoneinfo.ZoneInfo("America/Los_Angeles")

CATEGORIES = ["governance", "people", "product", "business", "publication", "media"]

# The five eras of data/timeline.json (start and end are inclusive days).
ERAS = [
    ("run-up", "사태 직전", "Run-up", "2023-11-01", "2023-11-16"),
    ("crisis", "이사회 사태", "Board crisis", "2023-11-17", "2023-11-22"),
    ("year-between", "사태 이후", "The year between", "2023-11-23", "2024-12-31"),
    ("reflections", "회고", "Reflections", "2025-01-01", "2025-01-31"),
    ("codex-summer", "코덱스의 여름", "Codex summer", "2025-02-01", "2025-07-31"),
]

KO_WORDS = [
    "이사회", "알트먼", "해임", "복귀", "투자", "발표", "오픈AI", "직원", "서한", "연구",
    "모델", "출시", "협상", "계약", "합의", "사임", "임명", "성명", "보도", "인터뷰",
    "회의", "안전성", "수익", "갈등", "검토", "승인", "공개", "개편", "전략", "지분",
    "마이크로소프트", "나델라", "수츠케버", "브록먼", "무라티", "코덱스", "챗GPT", "블로그",
    "회고", "엔지니어",
]
EN_WORDS = [
    "board", "Altman", "CEO", "GPT", "Codex", "launch", "deal", "vote", "memo", "staff",
    "letter", "update", "API", "safety", "model", "chip", "cloud", "plan", "news", "report",
    "review", "talks", "offer", "return", "exit", "hire", "round", "stake", "partner", "policy",
    "Microsoft", "Nadella", "Sutskever", "Brockman", "Murati", "DevDay", "Ignite", "blog",
    "agent", "compute",
]

# Six short "articles", one per group; eight lines each, all distinct.
SOURCE_LINES = [
    ["이사회는 오늘 회의를 열고 경영진 교체를 논의했다.", "The board met today to discuss a change of leadership.",
     "이사회 의장은 표결 결과를 공개하지 않았다.", "A vote was held behind closed doors.",
     "지배구조 개편안이 다음 주에 나온다.", "Governance changes are expected next week.",
     "이사 세 명이 사임 의사를 밝혔다.", "Three directors said they would step down."],
    ["그는 직원들에게 보낸 메모에서 복귀를 알렸다.", "In a memo to staff he announced his return.",
     "수백 명의 직원이 서한에 서명했다.", "Hundreds of employees signed the letter.",
     "연구 책임자가 회사를 떠난다.", "The head of research is leaving the company.",
     "새 임원이 다음 달 합류한다.", "A new executive joins next month."],
    ["새 모델이 오늘 공개됐다.", "A new model was released today.",
     "코덱스는 개발자용 도구로 출시됐다.", "Codex launched as a tool for developers.",
     "업데이트는 안전성 검토를 거쳤다.", "The update went through a safety review.",
     "API 가격이 내려갔다.", "API prices came down."],
    ["투자 협상이 마무리 단계에 들어섰다.", "Investment talks entered their final stage.",
     "마이크로소프트는 협력을 이어가겠다고 밝혔다.", "Microsoft said it would keep working together.",
     "지분 구조가 바뀐다.", "The ownership structure is changing.",
     "새 투자 라운드가 열렸다.", "A new funding round opened."],
    ["회사는 블로그에 글을 올렸다.", "The company posted on its blog.",
     "회고 글이 공개됐다.", "A look-back essay was published.",
     "기사가 게시판에 옮겨 실렸다.", "The article was reposted to a board.",
     "보고서가 온라인에 실렸다.", "A report was published online."],
    ["외신들은 갈등을 분석했다.", "Foreign media analysed the conflict.",
     "인터뷰에서 그는 말을 아꼈다.", "In an interview he said little.",
     "주가가 장 막판에 하락했다.", "Shares fell late in the session.",
     "보도가 잇따랐다.", "Reports followed one another."],
]


def la_day_start(day):
    """Unix time of 00:00 Pacific on the ISO date @day."""
    d = datetime.date.fromisoformat(day)
    return int(datetime.datetime(d.year, d.month, d.day, tzinfo=LA).timestamp())


def era_bounds():
    """[(id, first second, first second after)], in order."""
    out = []
    for era_id, _, _, start, end in ERAS:
        out.append((era_id, la_day_start(start),
                    la_day_start((datetime.date.fromisoformat(end) + datetime.timedelta(days=1)).isoformat())))
    return out


def make_title(rng):
    words = []
    length = 0
    i = rng.randrange(2)
    while length < 26:
        w = rng.choice(KO_WORDS if (len(words) + i) % 2 == 0 else EN_WORDS)
        words.append(w)
        length += len(w) + 1
    return " ".join(words)[:34]


def make_events(n, seed):
    """[(anchor, ts, is_day, group, title, quote index)] sorted by anchor, then ts."""
    rng = random.Random(seed)
    span_start = la_day_start("2023-11-01")
    span_end = la_day_start("2025-08-01")
    burst_start = la_day_start("2023-11-17")
    burst_end = la_day_start("2023-11-23")
    n_burst = n * 3 // 10
    outside = (span_end - span_start) - (burst_end - burst_start)
    events = []
    for k in range(n):
        if k < n_burst:
            ts = burst_start + rng.randrange(burst_end - burst_start)
        else:
            ts = span_start + rng.randrange(outside)
            if ts >= burst_start:
                ts += burst_end - burst_start
        is_day = rng.random() < 0.2
        if is_day:
            local = datetime.datetime.fromtimestamp(ts, LA)
            anchor = int(datetime.datetime(local.year, local.month, local.day, tzinfo=LA).timestamp())
        else:
            anchor = ts
        events.append((anchor, ts, is_day, rng.randrange(6), make_title(rng), rng.randrange(8)))
    events.sort(key=lambda e: (e[0], e[1]))
    return events


def js(s):
    return json.dumps(s, ensure_ascii=False)


def write_yeonpyo(n, seed, out):
    seeds = os.path.join(out, "seeds")
    os.makedirs(seeds, exist_ok=True)
    sources = []
    for g, lines in enumerate(SOURCE_LINES):
        # No final newline, like the shipped seeds.
        data = "\n".join(lines).encode("utf-8")
        with open(os.path.join(seeds, f"g{g + 1}.txt"), "wb") as f:
            f.write(data)
        sources.append({
            "id": f"g{g + 1}",
            "file": f"seeds/g{g + 1}.txt",
            "sha256": hashlib.sha256(data).hexdigest(),
            "outlet": {"ko": f"합성 매체 {g + 1}", "en": f"Synthetic outlet {g + 1}"},
            "title": f"{CATEGORIES[g]} 기사",
            "language": "ko",
            "body": [[1, len(lines)]],
        })
    eras = [{"id": e[0], "name": {"ko": e[1], "en": e[2]}, "start": e[3], "end": e[4],
             "timezone": "America/Los_Angeles"} for e in ERAS]
    bounds = era_bounds()
    quotes = [[js(line) for line in lines] for lines in SOURCE_LINES]
    # A publication names its article; the sources give no date, so no
    # event's date can disagree with one.
    cats = [js(c) + (',"publication_of":"g5"' if c == "publication" else "") for c in CATEGORIES]

    path = os.path.join(out, "timeline.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"format": "yeonpyo-timeline", "version": 1,\n')
        f.write(f' "title": {{"ko": "합성 연표 ({n}개 사건)", "en": "Synthetic timeline ({n} events)"}},\n')
        f.write(' "sources": ' + json.dumps(sources, ensure_ascii=False) + ',\n')
        f.write(' "eras": ' + json.dumps(eras, ensure_ascii=False) + ',\n')
        f.write(' "events": [\n')
        era_i = 0
        chunk = []
        for i, (anchor, ts, is_day, g, title, q) in enumerate(make_events(n, seed)):
            while anchor >= bounds[era_i][2]:
                era_i += 1
            eid = f"e{i + 1:07d}"
            if is_day:
                d = datetime.datetime.fromtimestamp(anchor, LA)
                date = f'"date":"{d:%Y-%m-%d}","precision":"day","timezone":"America/Los_Angeles"'
            else:
                d = datetime.datetime.fromtimestamp(ts, datetime.timezone.utc)
                date = f'"date":"{d:%Y-%m-%dT%H:%M:%S}Z","precision":"exact"'
            t = js(title)
            chunk.append(
                f'{{"id":"{eid}",{date},"title":{{"ko":{t},"en":{t}}},'
                f'"summary":{{"ko":"합성 사건 {eid}","en":"Synthetic event {eid}"}},'
                f'"category":{cats[g]},"era":"{bounds[era_i][0]}",'
                f'"citations":[{{"source":"g{g + 1}","quote":{quotes[g][q]}}}]}}')
            if len(chunk) >= 10000:
                f.write(",\n".join(chunk))
                f.write(",\n" if i + 1 < n else "\n")
                chunk = []
        if chunk:
            f.write(",\n".join(chunk) + "\n")
        f.write("]}\n")
    return path


def write_timelinejs(n, seed, out):
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "timeline.json")

    def tjs_date(dt, with_time):
        d = {"year": dt.year, "month": dt.month, "day": dt.day}
        if with_time:
            d.update(hour=dt.hour, minute=dt.minute, second=dt.second)
        return json.dumps(d)

    with open(path, "w", encoding="utf-8") as f:
        f.write('{"title": {"text": {"headline": "Synthetic timeline", '
                f'"text": "<p>{n} events</p>"}}}},\n')
        eras = []
        for e in ERAS:
            s = datetime.date.fromisoformat(e[3])
            t = datetime.date.fromisoformat(e[4])
            eras.append('{"start_date": %s, "end_date": %s, "text": {"headline": %s}}' % (
                json.dumps({"year": s.year, "month": s.month, "day": s.day}),
                json.dumps({"year": t.year, "month": t.month, "day": t.day}),
                js(f"{e[2]} ({e[1]})")))
        f.write(' "eras": [' + ", ".join(eras) + '],\n')
        f.write(' "events": [\n')
        chunk = []
        for i, (anchor, ts, is_day, g, title, q) in enumerate(make_events(n, seed)):
            if is_day:
                date = tjs_date(datetime.datetime.fromtimestamp(anchor, LA), False)
            else:
                date = tjs_date(datetime.datetime.fromtimestamp(ts, datetime.timezone.utc), True)
            chunk.append(
                f'{{"unique_id": "e{i + 1:07d}", "start_date": {date}, '
                f'"text": {{"headline": {js(title)}, "text": {js("<p>" + SOURCE_LINES[g][q] + "</p>")}}}, '
                f'"group": "g{g + 1}"}}')
            if len(chunk) >= 10000:
                f.write(",\n".join(chunk))
                f.write(",\n" if i + 1 < n else "\n")
                chunk = []
        if chunk:
            f.write(",\n".join(chunk) + "\n")
        f.write("]}\n")
    return path


def write_tsv(n, seed, out):
    """The same events as plain lines, for the benchmark's in-memory record
    (bench-timeline --synthetic), when the JSON is too large to load."""
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "events.tsv")
    with open(path, "w", encoding="utf-8") as f:
        chunk = []
        for anchor, ts, is_day, g, title, q in make_events(n, seed):
            chunk.append(f"{anchor}\t{'d' if is_day else 'e'}\t{g + 1}\t{SOURCE_LINES[g][q]}\t{title}\n")
            if len(chunk) >= 10000:
                f.write("".join(chunk))
                chunk = []
        f.write("".join(chunk))
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of events")
    parser.add_argument("--format", choices=["yeonpyo", "timelinejs", "tsv"], default="yeonpyo")
    parser.add_argument("--out", required=True, help="folder to write timeline.json (and seeds/) into")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.n < 0:
        parser.error("N must not be negative")

    t0 = time.monotonic()
    os.makedirs(args.out, exist_ok=True)
    if args.format == "yeonpyo":
        path = write_yeonpyo(args.n, args.seed, args.out)
    elif args.format == "timelinejs":
        path = write_timelinejs(args.n, args.seed, args.out)
    else:
        path = write_tsv(args.n, args.seed, args.out)
    print(f"{path}: {args.n} events, {os.path.getsize(path) / 1e6:.1f} MB, "
          f"{time.monotonic() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
