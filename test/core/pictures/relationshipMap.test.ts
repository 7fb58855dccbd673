import { describe, expect, it } from '@jest/globals';
import {
  accountMaps,
  BOX,
  layoutMap,
  relationshipMapLines,
  relationshipMapSvg,
  reportingTree,
  STANCE_COLORS,
  type AccountMap,
  type MapLabels,
  type MapPerson,
} from '../../../src/core/pictures/relationshipMap.js';
import { clip } from '../../../src/core/pictures/text.js';

const LABELS: MapLabels = {
  title: 'Relationship map of %s',
  decisionMaker: 'decides',
  caresAbout: 'cares about',
  stances: {
    Champion: 'Champion',
    Supporter: 'Supporter',
    Neutral: 'Neutral',
    Skeptic: 'Skeptic',
    Opponent: 'Opponent',
    Unknown: 'Unknown',
  },
};

function person(contactId: string, reportsToId: string | null = null, extra: Partial<MapPerson> = {}): MapPerson {
  return {
    contactId,
    name: contactId.toUpperCase(),
    title: null,
    reportsToId,
    decisionRole: null,
    stance: null,
    caresAbout: null,
    ...extra,
  };
}

describe('reportingTree', () => {
  it('puts each person under their manager, in the map order', () => {
    const tree = reportingTree([person('ceo'), person('cto', 'ceo'), person('cfo', 'ceo'), person('dev', 'cto')]);
    expect(tree.roots).toEqual(['ceo']);
    expect(tree.reports.get('ceo')).toEqual(['cto', 'cfo']);
    expect(tree.reports.get('cto')).toEqual(['dev']);
  });

  it('makes a root of whoever reports to someone outside the map, to themself, or round a cycle', () => {
    const tree = reportingTree([
      person('a', 'b'),
      person('b', 'a'),
      person('self', 'self'),
      person('orphan', 'someone-else'),
    ]);
    expect(tree.roots).toEqual(['a', 'self', 'orphan']);
    expect(tree.reports.get('a')).toEqual(['b']);
  });
});

describe('layoutMap', () => {
  it('centres a manager above their reports and puts each level one row lower', () => {
    const layout = layoutMap([person('ceo'), person('cto', 'ceo'), person('cfo', 'ceo')]);
    const at = new Map(layout.people.map((p) => [p.contactId, p]));
    const [ceo, cto, cfo] = [at.get('ceo')!, at.get('cto')!, at.get('cfo')!];
    expect(cto.y).toBe(ceo.y + BOX.height + BOX.gapY);
    expect(cfo.y).toBe(cto.y);
    expect(cfo.x - cto.x).toBe(BOX.width + BOX.gapX);
    expect(ceo.x).toBe((cto.x + cfo.x) / 2);
    expect(layout.edges).toEqual([
      { from: 'ceo', to: 'cto' },
      { from: 'ceo', to: 'cfo' },
    ]);
    expect(layout.width).toBe(BOX.margin * 2 + 2 * BOX.width + BOX.gapX);
    expect(layout.height).toBe(BOX.margin * 2 + 2 * BOX.height + BOX.gapY);
  });

  it('sets separate trees side by side without overlap', () => {
    const layout = layoutMap([person('a'), person('b'), person('b1', 'b'), person('b2', 'b')]);
    const xs = layout.people.filter((p) => p.depth === 1).map((p) => p.x);
    const a = layout.people.find((p) => p.contactId === 'a')!;
    expect(xs.every((x) => x >= a.x + BOX.width)).toBe(true);
  });
});

describe('relationshipMapSvg', () => {
  const map: AccountMap = {
    accountId: '001A',
    accountName: 'Acme <Shanghai> & Co',
    people: [
      person('li', null, {
        name: '李明',
        title: '采购总监',
        decisionRole: 'Decision_Maker',
        stance: 'Champion',
        caresAbout: '性价比',
      }),
      person('wang', 'li', { name: 'Wang "Wei"', stance: 'Opponent' }),
      person('x', 'li', { stance: 'Whatever' }),
    ],
  };

  it('draws one box per person, one line per reporting line, coloured by stance', () => {
    const svg = relationshipMapSvg(map, LABELS);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<g data-contact-id=/g)).toHaveLength(3);
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg).toContain(`data-stance="Champion"`);
    expect(svg).toContain(`stroke="${STANCE_COLORS.Opponent}"`);
    // An unknown stance is drawn as Unknown, dashed.
    expect(svg).toContain('data-stance="Unknown"');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('★ 李明');
    expect(svg).toContain('♡ 性价比');
    expect(svg).toContain('<title>李明, 采购总监, Champion, decides, cares about: 性价比</title>');
  });

  it('escapes every name from the org and names the picture for assistive technology', () => {
    const svg = relationshipMapSvg(map, LABELS);
    expect(svg).toContain('<title>Relationship map of Acme &lt;Shanghai&gt; &amp; Co</title>');
    expect(svg).toContain('Wang &quot;Wei&quot;');
    expect(svg).not.toContain('<Shanghai>');
    expect(svg).toContain('role="img"');
  });

  it('has a legend of every stance and the decision mark', () => {
    const svg = relationshipMapSvg(map, LABELS);
    for (const label of Object.values(LABELS.stances)) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('★ decides');
    expect(svg).toContain('♡ cares about');
  });
});

describe('relationshipMapLines', () => {
  it('draws the reporting lines as a tree with the stance, the decision mark and what people care about', () => {
    const map: AccountMap = {
      accountId: '001A',
      accountName: 'Acme',
      people: [
        person('ceo', null, { name: 'Li', decisionRole: 'Economic_Buyer', stance: 'Supporter', caresAbout: 'price' }),
        person('cto', 'ceo', { name: 'Wang', title: 'CTO' }),
        person('dev', 'cto', { name: 'Zhao' }),
        person('cfo', 'ceo', { name: 'Qian', stance: 'Skeptic' }),
      ],
    };
    expect(relationshipMapLines(map, LABELS)).toEqual([
      '★ Li · Supporter · cares about: price',
      '├─ Wang · CTO · Unknown',
      '│  └─ Zhao · Unknown',
      '└─ Qian · Skeptic',
    ]);
  });
});

describe('accountMaps', () => {
  it('groups the notes by account with the names the org gave, and shows the Id of anyone unnamed', () => {
    const note = (contactId: string | null, accountId: string, reportsToId: string | null = null) => ({
      contactId,
      contactName: contactId === 'c2' ? 'Two as kept' : null,
      contactTitle: null,
      accountId,
      decisionRole: null,
      stance: 'Neutral',
      caresAbout: null,
      reportsToId,
    });
    const maps = accountMaps(
      [note('c1', 'a1'), note('c2', 'a2'), note('c3', 'a1', 'c1'), note(null, 'a1'), note('c1', 'a1')],
      {
        contacts: new Map([
          ['c1', { name: 'One', title: 'Boss' }],
          ['c2', { name: 'Two', title: null }],
        ]),
        accounts: new Map([['a1', 'Account One']]),
      },
    );
    expect(maps.map((m) => [m.accountName, m.people.map((p) => p.name)])).toEqual([
      ['Account One', ['One', 'c3']],
      ['a2', ['Two as kept']],
    ]);
    expect(maps[0]?.people[1]?.reportsToId).toBe('c1');
  });
});

describe('clip', () => {
  it('counts a Chinese character as two columns', () => {
    expect(clip('abcdef', 4)).toBe('abcd…');
    expect(clip('上海华东精密', 6)).toBe('上海华…');
    expect(clip('short', 10)).toBe('short');
  });
});
