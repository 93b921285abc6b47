// The URL codec: table-driven, the default view encodes to "", everything round-trips, bad input is dropped with a notice.
import { describe, expect, test } from 'vitest';
import { decodeView, encodeView } from '../../src/lib/state/urlCodec';
import { DEFAULT_VIEW, type ViewState } from '../../src/lib/state/viewState';

const view = (patch: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, filters: {}, mappings: {}, ...patch });

describe('encodeView', () => {
  test.each<[string, ViewState, string]>([
    ['default', view({}), ''],
    ['range', view({ from: '2024-01-01', to: '2024-03-31' }), 'v=1&from=2024-01-01&to=2024-03-31'],
    ['grain and fiscal year', view({ grain: 'quarter', fy: 4 }), 'v=1&grain=quarter&fy=4'],
    ['default grain is not written', view({ grain: 'month', fy: 1 }), ''],
    ['language', view({ lang: 'zh-CN' }), 'v=1&lang=zh-CN'],
    ['tab', view({ tab: 'new_business' }), 'v=1&tab=new_business'],
    ['comparison, stages, cohort, launch', view({ cmp: 'yoy', s1: 'Qualification', s2: 'Proposal/Price Quote', cohort: 'lead_to_s1', launch: 'Add-on' }),
      'v=1&cmp=yoy&s1=Qualification&s2=Proposal%2FPrice%20Quote&cohort=lead_to_s1&launch=Add-on'],
    ['launch date and as-of date', view({ launch: 'Add-on', since: '2024-03-01', asof: '2024-06-30' }), 'v=1&launch=Add-on&since=2024-03-01&asof=2024-06-30'],
    ['panel choices: win-rate variant, breakdown, retention measure, SDR goal', view({ wr: 'created', by: 'segment', ret: 'logos', goal: 2.5 }),
      'v=1&wr=created&by=segment&ret=logos&goal=2.5'],
    ['gap planner rates', view({ pwin: 32.5, psize: 41000, pconv: 8 }), 'v=1&pwin=32.5&psize=41000&pconv=8'],
    ['panel choices at their defaults are not written', view({ wr: 'closed', by: null, ret: 'mrr', goal: 4 }), ''],
    ['filters, comma-separated', view({ filters: { owner: ['Ann Lee', 'Bob'] } }), 'v=1&owner=Ann%20Lee,Bob'],
    ['a comma inside a value is escaped', view({ filters: { source: ['Web, paid'] } }), 'v=1&source=Web%2C%20paid'],
    ['empty filter lists are not written', view({ filters: { owner: [] } }), ''],
    ['extra columns of the files', view({ filters: { x_partner_tier: ['Gold'], x_行业: ['制造业', 'A,B'] } }), 'v=1&x.partner_tier=Gold&x.%E8%A1%8C%E4%B8%9A=%E5%88%B6%E9%80%A0%E4%B8%9A,A%2CB'],
    ['mapping corrections, compact', view({ mappings: { k9: { kind: 'opportunities', fields: { stage: 2 }, formats: { 4: '%d/%m/%Y' } } } }), 'v=1&map=k9~o~stage.2~@4.dmy'],
    ['the encoding and delimiter picked, last', view({ mappings: { k9: { kind: 'leads', fields: {}, formats: {}, encoding: 'gb18030', delimiter: '\t' } } }), 'v=1&map=k9~l~enc.gb~sep.t'],
  ])('%s', (_, state, expected) => {
    expect(encodeView(state)).toBe(expected);
  });
});

describe('decodeView', () => {
  test.each<[string, ViewState]>([
    ['', view({})],
    ['v=1&from=2024-01-01&to=2024-03-31&grain=week&fy=7&tab=new_business&lang=en', view({ from: '2024-01-01', to: '2024-03-31', grain: 'week', fy: 7, tab: 'new_business', lang: 'en' })],
    ['owner=Ann%20Lee,Bob&stage=Closed%20Won', view({ filters: { owner: ['Ann Lee', 'Bob'], stage: ['Closed Won'] } })],
    ['source=Web%2C%20paid', view({ filters: { source: ['Web, paid'] } })],
    ['owner=%E5%BC%A0%E4%B8%89', view({ filters: { owner: ['张三'] } })],
    ['wr=created&by=owner&ret=logos&goal=6', view({ wr: 'created', by: 'owner', ret: 'logos', goal: 6 })],
    ['goal=0.5', view({ goal: 0.5 })],
    ['pwin=100&psize=12500.5&pconv=0.1', view({ pwin: 100, psize: 12500.5, pconv: 0.1 })],
  ])('%s', (search, expected) => {
    const { view: decoded, notices } = decodeView(search);
    expect(decoded).toEqual(expected);
    expect(notices).toEqual([]);
  });

  test('mapping links made before encoding and delimiter were carried decode as they did', () => {
    const { view: decoded, notices } = decodeView('map=k9~o~stage.2~@4.dmy,zz1~p~quota.3~team.-~@1.yq');
    expect(notices).toEqual([]);
    expect(decoded.mappings).toEqual({
      k9: { kind: 'opportunities', fields: { stage: 2 }, formats: { 4: '%d/%m/%Y' } },
      zz1: { kind: 'reps', fields: { quota: 3, team: null }, formats: { 1: 'quarter' } },
    });
    expect('encoding' in decoded.mappings.k9 || 'delimiter' in decoded.mappings.k9).toBe(false);
  });

  test('every encoding and delimiter round-trips through the link', () => {
    const mappings = {
      a1: { kind: 'opportunities' as const, fields: {}, formats: {}, encoding: 'utf-8' as const, delimiter: ',' },
      a2: { kind: 'opportunities' as const, fields: {}, formats: {}, encoding: 'utf-16le' as const, delimiter: ';' },
      a3: { kind: 'revenue' as const, fields: { mrr: 2 }, formats: {}, encoding: 'utf-16be' as const, delimiter: '|' },
      a4: { kind: 'targets' as const, fields: {}, formats: { 0: 'quarter' as const }, encoding: 'windows-1252' as const },
      a5: { kind: 'reps' as const, fields: {}, formats: {}, delimiter: '\t' },
    };
    const search = encodeView(view({ mappings }));
    expect(search).toBe('v=1&map=a1~o~enc.u8~sep.c,a2~o~enc.u16le~sep.sc,a3~r~mrr.2~enc.u16be~sep.p,a4~t~@0.yq~enc.w1252,a5~p~sep.t');
    expect(decodeView(search).view.mappings).toEqual(mappings);
  });

  test('round-trips every kind of value', () => {
    const state = view({
      from: '2023-02-01', to: '2024-01-31', grain: 'year', fy: 2, tab: 'new_business', lang: 'zh-CN', wr: 'created', by: 'product', ret: 'logos', goal: 3.5, pwin: 27.5, psize: 39999.99, pconv: 12,
      filters: { owner: ['A,B', "O'Brien", '<script>'], region: ['EMEA'], type: ['新业务'] },
    });
    expect(decodeView(`?${encodeView(state)}`).view).toEqual(state);
  });

  test.each<[string, string, string]>([
    ['grain=daily', 'grain', 'badValue'],
    ['fy=13', 'fy', 'badValue'],
    ['fy=0', 'fy', 'badValue'],
    ['fy=1.5', 'fy', 'badValue'],
    ['from=2024-02-30', 'from', 'badValue'],
    ['to=yesterday', 'to', 'badValue'],
    ['tab=%3Cimg%20src%3Dx%3E', 'tab', 'badValue'],
    ['s1=', 's1', 'badValue'],
    ['lang=fr', 'lang', 'badValue'],
    ['cmp=lastweek', 'cmp', 'badValue'],
    ['cohort=s9', 'cohort', 'badValue'],
    ['asof=2024-13-01', 'asof', 'badValue'],
    ['since=launch', 'since', 'badValue'],
    ['wr=lost', 'wr', 'badValue'],
    ['by=stage', 'by', 'badValue'],
    ['by=', 'by', 'badValue'],
    ['ret=arr', 'ret', 'badValue'],
    ['goal=0', 'goal', 'badValue'],
    ['goal=-2', 'goal', 'badValue'],
    ['goal=1e2', 'goal', 'badValue'],
    ['goal=0x10', 'goal', 'badValue'],
    ['goal=101', 'goal', 'badValue'],
    ['goal=Infinity', 'goal', 'badValue'],
    ['pwin=0', 'pwin', 'badValue'],
    ['pwin=100.5', 'pwin', 'badValue'],
    ['pwin=12.25', 'pwin', 'badValue'],
    ['pconv=-5', 'pconv', 'badValue'],
    ['pconv=', 'pconv', 'badValue'],
    ['psize=0', 'psize', 'badValue'],
    ['psize=1e9', 'psize', 'badValue'],
    ['psize=1000.123', 'psize', 'badValue'],
    ['psize=%2410000', 'psize', 'badValue'],
    ['tab=sales', 'tab', 'badValue'],
    ['map=k9~o~stage.2;DROP', 'map', 'badValue'],
    ['map=k9~o~enc.koi8', 'map', 'badValue'],
    ['map=k9~o~sep.x', 'map', 'badValue'],
    ["x.a'b=1", "x.a'b", 'unknownKey'],
    ['v=9', 'v', 'badVersion'],
    ['utm_source=mail', 'utm_source', 'unknownKey'],
    ['owner=%E0%A4%A', 'owner', 'badValue'],
    ['from=2024-05-01&to=2024-01-01', 'from', 'rangeOrder'],
  ])('%s is dropped with a notice', (search, key, reason) => {
    const { view: decoded, notices } = decodeView(search);
    expect(notices).toEqual([expect.objectContaining({ key, reason })]);
    expect(decoded).toEqual(view({}));
  });

  test('filter values that look like SQL or markup are kept as plain values', () => {
    const { view: decoded } = decodeView("owner=x'%20OR%201%3D1%20--,%3Cb%3Ehi%3C%2Fb%3E");
    expect(decoded.filters.owner).toEqual(["x' OR 1=1 --", '<b>hi</b>']);
  });

  test('one bad key does not spoil the others', () => {
    const { view: decoded, notices } = decodeView('grain=week&fy=99&owner=Ann');
    expect(decoded).toEqual(view({ grain: 'week', filters: { owner: ['Ann'] } }));
    expect(notices).toHaveLength(1);
  });
});
