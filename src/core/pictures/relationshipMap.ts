/**
 * The relationship map of an account as a picture: who reports to whom (an org chart drawn from the
 * contacts' reporting lines), who decides, who supports or opposes us, what each person cares about.
 * Drawn as SVG for pages (the HR archive, the successor's account tab) and as a text tree for the
 * terminal. Pure: plain data in, markup or lines out; every name from the org is escaped.
 */
import { escapeMarkup } from '../markup.js';
import { CONTACT_STANCES } from '../sobjects.js';
import { clip, textWidth } from './text.js';

export type MapPerson = {
  contactId: string;
  name: string;
  title: string | null;
  /** Another person of the same map, or null (a manager outside the map is not drawn). */
  reportsToId: string | null;
  /** Handover_Contact__c.Decision_Role__c (Decision_Maker, Influencer, ...). */
  decisionRole: string | null;
  /** Handover_Contact__c.Stance__c (Champion ... Opponent, Unknown). */
  stance: string | null;
  caresAbout: string | null;
};

export type AccountMap = { accountId: string; accountName: string; people: MapPerson[] };

/** The stored notes and the names the org gave: what accountMaps() groups into one map per account. */
export type MapNote = {
  contactId: string | null;
  /** The name and title the handover keeps (from when it was built), if any. */
  contactName: string | null;
  contactTitle: string | null;
  accountId: string | null;
  decisionRole: string | null;
  stance: string | null;
  caresAbout: string | null;
  reportsToId: string | null;
};
export type MapNames = {
  contacts: ReadonlyMap<string, { name: string | null; title: string | null }>;
  accounts: ReadonlyMap<string, string>;
};

/**
 * One map per account, in the order the notes name them. A person is named as the note keeps them,
 * else as the org names them now; nobody named shows their Id.
 */
export function accountMaps(notes: readonly MapNote[], names: MapNames): AccountMap[] {
  const maps = new Map<string, AccountMap>();
  for (const note of notes) {
    if (note.contactId === null) continue;
    const accountId = note.accountId ?? '';
    let map = maps.get(accountId);
    if (!map) {
      map = { accountId, accountName: names.accounts.get(accountId) ?? accountId, people: [] };
      maps.set(accountId, map);
    }
    if (map.people.some((p) => p.contactId === note.contactId)) continue;
    const contact = names.contacts.get(note.contactId);
    map.people.push({
      contactId: note.contactId,
      name: note.contactName ?? contact?.name ?? note.contactId,
      title: note.contactTitle ?? contact?.title ?? null,
      reportsToId: note.reportsToId,
      decisionRole: note.decisionRole,
      stance: note.stance,
      caresAbout: note.caresAbout,
    });
  }
  return [...maps.values()];
}

// ---------------------------------------------------------------- the reporting tree

export type ReportingTree = {
  roots: string[];
  /** The people who report to each person, in the map's order. */
  reports: ReadonlyMap<string, string[]>;
};

/**
 * Who reports to whom inside the map. A reporting line to someone outside the map, to oneself, or one
 * that closes a cycle (bad data) is dropped: that person becomes a root.
 */
export function reportingTree(people: readonly MapPerson[]): ReportingTree {
  const inMap = new Set(people.map((p) => p.contactId));
  const manager = new Map<string, string>();
  for (const p of people) {
    const to = p.reportsToId;
    if (to !== null && to !== p.contactId && inMap.has(to)) manager.set(p.contactId, to);
  }
  for (const p of people) {
    const seen = new Set([p.contactId]);
    for (let next = manager.get(p.contactId); next !== undefined; next = manager.get(next)) {
      if (seen.has(next)) {
        manager.delete(p.contactId);
        break;
      }
      seen.add(next);
    }
  }
  const reports = new Map<string, string[]>();
  const roots: string[] = [];
  for (const p of people) {
    const m = manager.get(p.contactId);
    if (m === undefined) roots.push(p.contactId);
    else reports.set(m, [...(reports.get(m) ?? []), p.contactId]);
  }
  return { roots, reports };
}

// ---------------------------------------------------------------- layout

export const BOX = { width: 200, height: 70, gapX: 24, gapY: 44, margin: 16 } as const;

export type PlacedPerson = MapPerson & { x: number; y: number; depth: number };
export type MapLayout = {
  people: PlacedPerson[];
  /** Manager -> report. */
  edges: { from: string; to: string }[];
  width: number;
  height: number;
};

/** A tidy org chart: leaves side by side, each manager centred above their reports, trees in a row. */
export function layoutMap(people: readonly MapPerson[]): MapLayout {
  const tree = reportingTree(people);
  const slot = new Map<string, number>();
  const depth = new Map<string, number>();
  let nextLeaf = 0;
  const place = (id: string, level: number): number => {
    depth.set(id, level);
    const children = tree.reports.get(id) ?? [];
    const xs = children.map((child) => place(child, level + 1));
    const x = xs.length === 0 ? nextLeaf++ : ((xs[0] ?? 0) + (xs[xs.length - 1] ?? 0)) / 2;
    slot.set(id, x);
    return x;
  };
  for (const root of tree.roots) place(root, 0);
  const placed = people.map((p): PlacedPerson => {
    const level = depth.get(p.contactId) ?? 0;
    return {
      ...p,
      depth: level,
      x: BOX.margin + (slot.get(p.contactId) ?? 0) * (BOX.width + BOX.gapX),
      y: BOX.margin + level * (BOX.height + BOX.gapY),
    };
  });
  const edges = [...tree.reports].flatMap(([from, tos]) => tos.map((to) => ({ from, to })));
  const columns = Math.max(1, nextLeaf);
  const levels = Math.max(1, ...placed.map((p) => p.depth + 1));
  return {
    people: placed,
    edges,
    width: BOX.margin * 2 + columns * BOX.width + (columns - 1) * BOX.gapX,
    height: BOX.margin * 2 + levels * BOX.height + (levels - 1) * BOX.gapY,
  };
}

// ---------------------------------------------------------------- labels and colours

export type Stance = (typeof CONTACT_STANCES)[number];

/** What the picture says in words, from the caller (bilingual on pages, English in the terminal). */
export type MapLabels = {
  /** The picture's accessible name, with %s for the account. */
  title: string;
  decisionMaker: string;
  caresAbout: string;
  stances: Readonly<Record<Stance, string>>;
};

export const STANCE_COLORS: Readonly<Record<Stance, string>> = {
  Champion: '#2e844a',
  Supporter: '#45c65a',
  Neutral: '#747474',
  Skeptic: '#dd7a01',
  Opponent: '#ba0517',
  Unknown: '#a0a0a0',
};

/** Decision roles that make a person the decider (the star). */
const DECIDERS = new Set(['Decision_Maker', 'Economic_Buyer']);

export function isDecider(person: Pick<MapPerson, 'decisionRole'>): boolean {
  return person.decisionRole !== null && DECIDERS.has(person.decisionRole);
}

export function stanceOf(person: Pick<MapPerson, 'stance'>): Stance {
  return (CONTACT_STANCES as readonly string[]).includes(person.stance ?? '') ? (person.stance as Stance) : 'Unknown';
}

// ---------------------------------------------------------------- SVG

const LEGEND_HEIGHT = 28;

/** The map as one SVG element (no script, no external asset), sized to its content. */
export function relationshipMapSvg(map: AccountMap, labels: MapLabels): string {
  const layout = layoutMap(map.people);
  const byId = new Map(layout.people.map((p) => [p.contactId, p]));
  const width = Math.max(layout.width, legendWidth(labels));
  const height = layout.height + LEGEND_HEIGHT;
  const title = labels.title.replaceAll('%s', map.accountName);
  const edges = layout.edges.flatMap(({ from, to }) => {
    const a = byId.get(from);
    const b = byId.get(to);
    if (!a || !b) return [];
    const x1 = a.x + BOX.width / 2;
    const x2 = b.x + BOX.width / 2;
    const mid = a.y + BOX.height + BOX.gapY / 2;
    return [`<path d="M${x1} ${a.y + BOX.height}V${mid}H${x2}V${b.y}" fill="none" stroke="#8c8c8c"/>`];
  });
  const boxes = layout.people.map((p) => personBox(p, labels));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="relationship-map" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="inherit">`,
    `<title>${escapeMarkup(title)}</title>`,
    ...edges,
    ...boxes,
    legend(labels, layout.height),
    '</svg>',
  ].join('\n');
}

function personBox(p: PlacedPerson, labels: MapLabels): string {
  const stance = stanceOf(p);
  const color = STANCE_COLORS[stance];
  const decider = isDecider(p);
  const name = `${decider ? '★ ' : ''}${clip(p.name, 24)}`;
  const lines = [
    `<text x="${p.x + 10}" y="${p.y + 20}" font-size="13" font-weight="600" fill="#181818">${escapeMarkup(name)}</text>`,
  ];
  if (p.title) {
    lines.push(
      `<text x="${p.x + 10}" y="${p.y + 38}" font-size="11" fill="#444">${escapeMarkup(clip(p.title, 30))}</text>`,
    );
  }
  if (p.caresAbout) {
    // The legend says what ♡ means: the box keeps its width for the words.
    const cares = clip(`♡ ${p.caresAbout}`, 32);
    lines.push(`<text x="${p.x + 10}" y="${p.y + 56}" font-size="10" fill="#5c5c5c">${escapeMarkup(cares)}</text>`);
  }
  const what = [
    p.name,
    p.title,
    labels.stances[stance],
    decider ? labels.decisionMaker : null,
    p.caresAbout ? `${labels.caresAbout}: ${p.caresAbout}` : null,
  ]
    .filter((v) => v !== null && v !== '')
    .join(', ');
  return [
    `<g data-contact-id="${escapeMarkup(p.contactId)}" data-stance="${stance}"><title>${escapeMarkup(what)}</title>`,
    `<rect x="${p.x}" y="${p.y}" width="${BOX.width}" height="${BOX.height}" rx="6" fill="#fff" stroke="${color}" stroke-width="${decider ? 3 : 1.5}"${stance === 'Unknown' ? ' stroke-dasharray="4 3"' : ''}/>`,
    `<rect x="${p.x}" y="${p.y}" width="6" height="${BOX.height}" rx="3" fill="${color}"/>`,
    ...lines,
    '</g>',
  ].join('\n');
}

/** Legend entries: a swatch and its label, laid out left to right by the labels' widths. */
function legendEntries(labels: MapLabels): { x: number; stance: Stance | null; text: string }[] {
  const entries: { x: number; stance: Stance | null; text: string }[] = [];
  let x = BOX.margin;
  for (const stance of CONTACT_STANCES) {
    entries.push({ x, stance, text: labels.stances[stance] });
    x += 17 + textWidth(labels.stances[stance], 10) + 14;
  }
  const decides = `★ ${labels.decisionMaker}`;
  entries.push({ x, stance: null, text: decides });
  entries.push({ x: x + textWidth(decides, 10) + 14, stance: null, text: `♡ ${labels.caresAbout}` });
  return entries;
}

function legendWidth(labels: MapLabels): number {
  const last = legendEntries(labels).at(-1);
  return last === undefined ? 0 : last.x + textWidth(last.text, 10) + BOX.margin;
}

function legend(labels: MapLabels, top: number): string {
  const y = top + 6;
  const items = legendEntries(labels).map(({ x, stance, text }) =>
    stance === null
      ? `<text x="${x}" y="${y + 10}" font-size="10" fill="#444">${escapeMarkup(text)}</text>`
      : `<rect x="${x}" y="${y}" width="12" height="12" rx="2" fill="${STANCE_COLORS[stance]}"/><text x="${x + 17}" y="${y + 10}" font-size="10" fill="#444">${escapeMarkup(text)}</text>`,
  );
  return `<g class="legend">${items.join('')}</g>`;
}

// ---------------------------------------------------------------- text

/**
 * The map as a tree of lines for the terminal:
 *   ★ Li Ming · Procurement Director · Champion · cares about: price
 *   └─ Wang Wei · Technical Manager · Supporter
 */
export function relationshipMapLines(map: AccountMap, labels: MapLabels): string[] {
  const tree = reportingTree(map.people);
  const byId = new Map(map.people.map((p) => [p.contactId, p]));
  const lines: string[] = [];
  const walk = (id: string, prefix: string, branch: string): void => {
    const p = byId.get(id);
    if (!p) return;
    lines.push(`${prefix}${branch}${personLine(p, labels)}`);
    const children = tree.reports.get(id) ?? [];
    const below = prefix + (branch === '' ? '' : branch === '└─ ' ? '   ' : '│  ');
    children.forEach((child, i) => walk(child, below, i === children.length - 1 ? '└─ ' : '├─ '));
  };
  for (const root of tree.roots) walk(root, '', '');
  return lines;
}

function personLine(p: MapPerson, labels: MapLabels): string {
  const parts = [`${isDecider(p) ? '★ ' : ''}${p.name}`];
  if (p.title) parts.push(p.title);
  parts.push(labels.stances[stanceOf(p)]);
  if (p.caresAbout) parts.push(`${labels.caresAbout}: ${clip(p.caresAbout, 60)}`);
  return parts.join(' · ');
}
