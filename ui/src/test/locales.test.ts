// The two locale files: the same keys, plural forms as each language's CLDR rules need, the
// same placeholders, every classifier code labelled, and every key the source uses present.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import kk from '../locales/kk.json';
import ru from '../locales/ru.json';
import vocabulary from '../bindings/vocabulary.json';
import { dictionaries, has, LANGS, pluralCategories, translate } from '../lib/i18n';
import type {
  CostScope,
  Criterion,
  DecisionStatus,
  DeferralReason,
  EndGround,
  ExemptionGround,
  Field,
  Funding,
  GrantSource,
  Level,
  Mode,
  ObligationState,
  OrgKind,
  Outcome,
  Ownership,
  PaperSeries,
  PeriodKind,
  PlacementOutcome,
  ProofDocument,
  Region,
  Role,
  Sex,
  SocialGround,
  TieBreak,
} from '../lib/types';

/** `true` only when the two unions have exactly the same members. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Codes = typeof vocabulary.kk;
/**
 * Checked by `npm run check`: the core's generated vocabulary labels exactly the generated
 * enums' spellings (the core's own test keeps vocabulary.json and the enums in step).
 */
const codesMatchBindings: {
  [K in keyof Codes]: Same<
    keyof Codes[K],
    {
      CostScope: CostScope;
      Criterion: Criterion;
      DecisionStatus: DecisionStatus;
      DeferralReason: DeferralReason;
      EndGround: EndGround;
      ExemptionGround: ExemptionGround;
      ExemptionGroundShort: ExemptionGround;
      Field: Field;
      Funding: Funding;
      FundingShort: Funding;
      Level: Level;
      Mode: Mode;
      ModeShort: Mode;
      OrgKind: OrgKind;
      Ownership: Ownership;
      PaperSeries: PaperSeries;
      PeriodKind: PeriodKind;
      ProofDocument: ProofDocument;
      Region: Region;
      Role: Role;
      Sex: Sex;
      SocialGround: SocialGround;
      SocialGroundShort: SocialGround;
      Source: GrantSource;
      State: ObligationState;
      TieBreak: TieBreak;
    }[K]
  >;
} & {
  outcome: Same<keyof typeof kk.outcome, Outcome['kind']>;
  stats: Same<keyof typeof kk.stats.outcome, PlacementOutcome>;
} = {
  CostScope: true,
  Criterion: true,
  DecisionStatus: true,
  DeferralReason: true,
  EndGround: true,
  ExemptionGround: true,
  ExemptionGroundShort: true,
  Field: true,
  Funding: true,
  FundingShort: true,
  Level: true,
  Mode: true,
  ModeShort: true,
  OrgKind: true,
  Ownership: true,
  PaperSeries: true,
  PeriodKind: true,
  ProofDocument: true,
  Region: true,
  Role: true,
  Sex: true,
  SocialGround: true,
  SocialGroundShort: true,
  Source: true,
  State: true,
  TieBreak: true,
  outcome: true,
  stats: true,
};

type Node = string | { [k: string]: Node };
const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'];

function isPlural(node: Node): node is Record<string, string> {
  return (
    typeof node === 'object' &&
    Object.keys(node).length > 0 &&
    Object.keys(node).every((k) => PLURAL_FORMS.includes(k)) &&
    Object.values(node).every((v) => typeof v === 'string')
  );
}

/** Leaves by dotted key; a plural object is one leaf. */
function flatten(node: Node, prefix = '', out = new Map<string, Node>()): Map<string, Node> {
  if (typeof node === 'string' || isPlural(node)) {
    out.set(prefix, node);
    return out;
  }
  for (const [k, v] of Object.entries(node)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

function placeholders(node: Node): string[] {
  const texts = typeof node === 'string' ? [node] : Object.values(node as Record<string, string>);
  return [...new Set(texts.flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();
}

const kkLeaves = flatten(kk as Node);
const ruLeaves = flatten(ru as Node);

describe('locale files', () => {
  it('have exactly the same keys', () => {
    const onlyKk = [...kkLeaves.keys()].filter((k) => !ruLeaves.has(k));
    const onlyRu = [...ruLeaves.keys()].filter((k) => !kkLeaves.has(k));
    expect(onlyKk).toEqual([]);
    expect(onlyRu).toEqual([]);
    expect(kkLeaves.size).toBeGreaterThan(300);
  });

  it('agree on which keys are plural', () => {
    for (const [key, node] of kkLeaves) {
      expect(isPlural(node), key).toBe(isPlural(ruLeaves.get(key)!));
    }
  });

  it('give every plural the forms of its language (ru one/few/many/other, kk one/other)', () => {
    expect(pluralCategories('ru').sort()).toEqual(['few', 'many', 'one', 'other']);
    expect(pluralCategories('kk').sort()).toEqual(['one', 'other']);
    let plurals = 0;
    for (const [lang, leaves] of [['kk', kkLeaves], ['ru', ruLeaves]] as const) {
      const needed = pluralCategories(lang).sort();
      for (const [key, node] of leaves) {
        if (!isPlural(node)) continue;
        plurals += 1;
        expect(Object.keys(node).sort(), `${lang} ${key}`).toEqual(needed);
      }
    }
    expect(plurals).toBeGreaterThan(20);
  });

  it('use the same placeholders in both languages and no empty text', () => {
    for (const [key, node] of kkLeaves) {
      const other = ruLeaves.get(key)!;
      expect(placeholders(other), key).toEqual(placeholders(node));
      const texts: string[] = typeof node === 'string' ? [node] : (Object.values(node) as string[]);
      for (const text of texts) expect(text.trim(), key).not.toBe('');
    }
  });

  it('write Kazakh with its own letters', () => {
    const all = [...kkLeaves.values()].map((n) => (typeof n === 'string' ? n : Object.values(n).join(' '))).join(' ');
    for (const letter of 'әғқңөұүі') expect(all, letter).toContain(letter);
  });

  it('label exactly the codes of the generated Rust enums (checked at compile time)', () => {
    expect(Object.values(codesMatchBindings).every(Boolean)).toBe(true);
  });

  it('label every region code (17 oblasts and 3 cities) in both languages', () => {
    const regions = [
      'abai', 'akmola', 'aktobe', 'almaty_region', 'atyrau', 'west_kazakhstan', 'zhambyl', 'jetisu',
      'karaganda', 'kostanay', 'kyzylorda', 'mangystau', 'pavlodar', 'north_kazakhstan', 'turkistan',
      'ulytau', 'east_kazakhstan', 'astana', 'almaty_city', 'shymkent',
    ];
    expect(Object.keys(vocabulary.kk.Region)).toEqual(regions);
    expect(Object.keys(vocabulary.ru.Region)).toEqual(regions);
  });

  it('name each language by its own name, the same in both files', () => {
    for (const l of LANGS) {
      for (const key of [`langs.${l}`, `langs.${l}_short`]) {
        expect(has('kk', key) && has('ru', key), key).toBe(true);
        expect(translate('ru', key), key).toBe(translate('kk', key));
      }
    }
  });

  it("hold no error text but the window's own: the core words every other", () => {
    expect(Object.keys(kk.errors)).toEqual(['unexpected']);
    expect(Object.keys(ru.errors)).toEqual(['unexpected']);
  });

  it('has every static key the source code asks for', () => {
    // `npm test` runs in ui/.
    const root = join(process.cwd(), 'src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (name !== 'test' && name !== 'bindings') walk(path);
        } else if (/\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts')) files.push(path);
      }
    };
    walk(root);
    const used = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:\$t\(|translate\([a-z']+,\s*)'([a-z_]+(?:\.[a-z_0-9]+)+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(300);
    const missing = [...used].filter((key) => !has('kk', key) || !has('ru', key));
    expect(missing).toEqual([]);
    // Keys built at run time.
    for (const s of ['graduates', 'vacancies', 'meeting', 'papers', 'followup', 'stats', 'settings']) {
      expect(has('kk', `nav.${s}`) && has('ru', `nav.${s}`), s).toBe(true);
    }
    expect(dictionaries.kk.codes).toBe(vocabulary.kk);
  });
});
