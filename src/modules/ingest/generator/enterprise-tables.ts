/**
 * Rows of the enterprise graph tables — entity, relation, external_signal, news — and the graph's
 * ground truth (hidden groups, guarantee circles), from the corporate world.
 */
import { ByteSink } from './byte-sink.ts';
import { addMonths, dayOf, dayString, type MonthSpan, timestampString, ymdOf } from './calendar.ts';
import { BANK_NAME, INDUSTRIES, NEWS_SOURCES, OTHER_BANKS } from './commerce.ts';
import { type Company, type CompanyWorld, customerId } from './companies.ts';
import { csvRow } from './csv.ts';
import { money } from './ledger.ts';
import { CITIES } from './places.ts';
import { type Rng, rngFor, SALT } from './random.ts';

/** CSV bodies (no header) of the enterprise tables and truth files, with row counts. */
export interface EnterpriseTables {
  entity: ByteSink;
  relation: ByteSink;
  external_signal: ByteSink;
  news: ByteSink;
  groupTruth: string;
  circleTruth: string;
  counts: { entity: number; relation: number; external_signal: number; news: number };
}

const yuan = (x: number): string => money(Math.round(x * 100));
const roundTo = (x: number, step: number): number => Math.max(step, Math.round(x / step) * step);
const wan = (x: number): string => `${Math.round(x / 10000)}万元`;

const CAUSES = [
  '买卖合同纠纷',
  '借款合同纠纷',
  '劳动争议',
  '建设工程施工合同纠纷',
  '金融借款合同纠纷',
  '服务合同纠纷',
  '租赁合同纠纷',
  '承揽合同纠纷',
];
const AGENCIES = ['市场监督管理局', '生态环境局', '税务局', '应急管理局', '住房和城乡建设局'];
const PENALTY_REASONS: Record<string, readonly string[]> = {
  市场监督管理局: ['产品质量抽检不合格', '虚假宣传', '未按规定公示年度报告'],
  生态环境局: ['超标排放废水', '未批先建', '危险废物贮存不规范'],
  税务局: ['未按期申报纳税', '虚开增值税发票', '少缴税款'],
  应急管理局: ['安全生产隐患整改不到位', '未落实安全培训制度'],
  住房和城乡建设局: ['违规转包工程', '施工现场扬尘治理不到位'],
};
const PROJECTS = [
  '智慧城市',
  '道路改造',
  '数据中心',
  '污水处理',
  '产业园配套',
  '医院信息化',
  '学校改扩建',
  '轨道交通配套',
  '政务云',
  '老旧小区改造',
];
const BOARDS = ['上海证券交易所主板', '深圳证券交易所创业板', '上海证券交易所科创板', '北京证券交易所'];

/** Builds the enterprise tables. Deterministic in (world, seed, as-of). */
export function buildEnterpriseTables(
  world: CompanyWorld,
  seed: number,
  asOfDay: number,
  spans: MonthSpan[],
): EnterpriseTables {
  const { companies, persons } = world;
  const counts = { entity: 0, relation: 0, external_signal: 0, news: 0 };
  const entity = new ByteSink(1 << 20);
  for (const c of companies) {
    entity.write(
      csvRow([
        c.entityId,
        'company',
        c.name,
        c.customerIndex >= 0 ? customerId(c.customerIndex) : null,
        c.uscc,
        INDUSTRIES[c.industryIdx].label,
        yuan(c.capital),
        CITIES[c.cityIdx].name,
      ]),
    );
    counts.entity++;
  }
  for (const p of persons) {
    entity.write(
      csvRow([
        p.entityId,
        'person',
        p.name,
        p.customerIndex >= 0 ? customerId(p.customerIndex) : null,
        null,
        null,
        null,
        CITIES[p.cityIdx].name,
      ]),
    );
    counts.entity++;
  }

  const relation = new ByteSink(1 << 20);
  const rel = (
    from: string,
    to: string,
    type: string,
    pct: number | null,
    amount: number | null,
    since: number | null,
    until: number | null = null,
  ): void => {
    counts.relation++;
    relation.write(
      csvRow([
        'R' + String(counts.relation).padStart(8, '0'),
        from,
        to,
        type,
        pct === null ? null : String(Number(pct.toFixed(4))),
        amount === null ? null : yuan(amount),
        since === null ? null : dayString(since),
        until === null ? null : dayString(until),
      ]),
    );
  };
  const entityOf = (person: boolean, idx: number): string =>
    person ? persons[idx].entityId : companies[idx].entityId;
  for (const h of world.holdings) {
    rel(
      entityOf(h.holderPerson, h.holder),
      companies[h.company].entityId,
      h.type,
      h.pct,
      companies[h.company].capital * h.pct,
      h.since,
    );
    if (h.holderPerson && h.type === 'shareholder' && h.pct >= 0.5)
      rel(persons[h.holder].entityId, companies[h.company].entityId, 'controller', h.pct, null, h.since);
  }
  companies.forEach((c) =>
    rel(persons[c.legalRep].entityId, c.entityId, 'legal_rep', null, null, c.established),
  );
  for (const e of world.executives)
    rel(persons[e.person].entityId, companies[e.company].entityId, 'executive', null, null, e.since);
  for (const g of world.guarantees)
    rel(
      companies[g.guarantor].entityId,
      companies[g.borrower].entityId,
      'guarantee',
      null,
      g.amount,
      g.since,
      g.until,
    );
  for (const e of world.edges) {
    rel(companies[e.supplier].entityId, companies[e.buyer].entityId, 'supplier', null, e.annual, e.since);
    rel(companies[e.buyer].entityId, companies[e.supplier].entityId, 'buyer', null, e.annual, e.since);
  }
  for (const [a, b] of world.families)
    rel(persons[a].entityId, persons[b].entityId, 'family', null, null, null);

  // External signals and the news they make.
  const signals = new ByteSink(1 << 20);
  const news = new ByteSink(1 << 20);
  const windowStart = spans[0].start;
  const dayAfter = ymdOf(asOfDay + 1);
  const currentQuarterStart = dayOf(dayAfter.y, Math.floor((dayAfter.m - 1) / 3) * 3 + 1, 1);
  const threeYears = 3 * 365;
  const addSignal = (
    c: Company,
    type: string,
    date: number,
    expiry: number | null,
    amount: number | null,
    description: string,
  ): void => {
    counts.external_signal++;
    signals.write(
      csvRow([
        'SG' + String(counts.external_signal).padStart(8, '0'),
        c.entityId,
        type,
        dayString(date),
        expiry === null ? null : dayString(expiry),
        amount === null ? null : yuan(amount),
        description,
      ]),
    );
  };
  const addNews = (
    r: Rng,
    date: number,
    title: string,
    body: string,
    entityIds: string[],
    eventType: string,
    sentiment: 'positive' | 'neutral' | 'negative',
  ): void => {
    const ts = Math.min(
      asOfDay * 86400 + 43200,
      (date + r.range(0, 3)) * 86400 + Math.floor(r.uniform(7, 22) * 3600),
    );
    counts.news++;
    news.write(
      csvRow([
        'N' + String(counts.news).padStart(8, '0'),
        timestampString(ts),
        title,
        body,
        r.pick(NEWS_SOURCES),
        entityIds.join(';'),
        eventType,
        sentiment,
      ]),
    );
  };
  const bank = (r: Rng): string => (r.chance(0.4) ? BANK_NAME : r.pick(OTHER_BANKS)[0]);
  const dateIn = (r: Rng, from: number, to: number): number => from + r.int(Math.max(1, to - from + 1));

  companies.forEach((c, k) => {
    const r = rngFor(seed, SALT.signal, k);
    const letter = INDUSTRIES[c.industryIdx].letter;
    const city = CITIES[c.cityIdx].name;
    const distressed = c.distressMonth >= 0;
    const distressDay = distressed ? spans[Math.min(c.distressMonth, spans.length - 1)].start : -1;
    const recent = (): number =>
      distressed ? dateIn(r, distressDay - 60, asOfDay) : dateIn(r, asOfDay - threeYears, asOfDay);
    const short = c.brand.length === 2 ? city + c.brand : c.name;

    if (c.loan && r.chance(0.6)) {
      addSignal(
        c,
        'mortgage_registration',
        c.loan.start,
        addMonths(c.loan.start, c.loan.termMonths),
        roundTo(c.loan.amount * r.uniform(1.1, 1.5), 10000),
        `不动产抵押登记，抵押权人：${BANK_NAME}`,
      );
    }
    for (let n = r.poisson(0.25); n > 0; n--) {
      const date = dateIn(r, asOfDay - threeYears, asOfDay);
      addSignal(
        c,
        'mortgage_registration',
        date,
        date + r.range(365, 1095),
        roundTo(c.revenue * r.uniform(0.05, 0.3), 10000),
        `动产抵押登记，抵押权人：${bank(r)}`,
      );
    }
    if (r.chance(distressed ? 0.7 : 0.06)) {
      const date = distressed ? dateIn(r, distressDay - 200, asOfDay) : dateIn(r, asOfDay - 720, asOfDay);
      const expiry = r.chance(0.3) ? asOfDay + r.range(-60, 120) : date + r.range(365, 1095);
      const pct = Math.round(r.uniform(10, 60));
      addSignal(
        c,
        'equity_pledge',
        date,
        Math.max(date + 30, expiry),
        roundTo((c.capital * pct) / 100, 10000),
        `股东${c.legalRepName}将其持有的${pct}%股权出质给${bank(r)}`,
      );
      if (distressed && r.chance(0.4)) {
        addNews(
          r,
          date,
          `${short}控股股东质押${pct}%股权`,
          `${c.name}控股股东${c.legalRepName}近日将所持${pct}%股权办理质押，市场关注其资金链状况。`,
          [c.entityId],
          'equity_pledge',
          'negative',
        );
      }
    }
    if ('CFEG'.includes(letter) && r.chance(0.15)) {
      const date = dateIn(r, asOfDay - 720, asOfDay);
      addSignal(
        c,
        'receivables_financing',
        date,
        date + 365,
        roundTo(c.revenue * r.uniform(0.05, 0.2), 10000),
        `应收账款质押登记（中登网），质权人：${bank(r)}`,
      );
    }
    if (c.customerIndex >= 0) {
      for (let q = 4; q >= 1; q--) {
        const quarterEnd = addMonths(currentQuarterStart, -3 * (q - 1)) - 1;
        const { y, m } = ymdOf(quarterEnd);
        const weak = distressed && quarterEnd >= distressDay;
        const amount = roundTo((c.revenue / 4) * r.uniform(0.85, 1.15) * (weak ? 0.6 : 1), 100);
        addSignal(
          c,
          'tax_invoice',
          Math.min(asOfDay, quarterEnd + 15),
          null,
          amount,
          `${y}年第${Math.ceil(m / 3)}季度增值税发票开票金额`,
        );
      }
    }
    if ('CDBN'.includes(letter) && r.chance(0.12)) {
      addSignal(
        c,
        'env_approval',
        recent(),
        null,
        null,
        `${r.pick(['年产扩建', '技术改造', '新建生产线', '迁建'])}项目环境影响报告表获批复`,
      );
    }
    const lawsuits = distressed ? r.range(1, 4) : r.poisson(0.12);
    for (let n = 0; n < lawsuits; n++) {
      const date = recent();
      const plaintiff = companies[r.int(companies.length)];
      const cause =
        distressed && r.chance(0.5)
          ? r.pick(['金融借款合同纠纷', '买卖合同纠纷', '劳动争议'])
          : r.pick(CAUSES);
      const amount = roundTo(c.revenue * r.uniform(0.005, distressed ? 0.15 : 0.03), 1000);
      addSignal(c, 'litigation', date, null, amount, `${cause}，原告：${plaintiff.name}，被告：${c.name}`);
      if (r.chance(distressed ? 0.7 : 0.3)) {
        const title = r.pick([
          `${short}涉${cause}被诉，涉案金额${wan(amount)}`,
          `${c.name}因${cause}成被告`,
          `${short}再添诉讼：${plaintiff.name}索赔${wan(amount)}`,
        ]);
        addNews(
          r,
          date,
          title,
          `据裁判文书网信息，${plaintiff.name}以${cause}为由起诉${c.name}，涉案金额约${wan(amount)}。目前案件${r.pick(['已立案', '尚在审理中', '已开庭审理'])}。`,
          [c.entityId, plaintiff.entityId],
          'litigation',
          'negative',
        );
      }
    }
    if (r.chance(distressed ? 0.5 : 0.04)) {
      const date = recent();
      const agency = r.pick(AGENCIES);
      const reason = r.pick(PENALTY_REASONS[agency]);
      const amount = roundTo(r.uniform(10000, 500000), 1000);
      addSignal(c, 'penalty', date, null, amount, `因${reason}被${city}市${agency}罚款`);
      if (r.chance(0.6)) {
        addNews(
          r,
          date,
          r.pick([`${short}因${reason}被罚${wan(amount)}`, `${city}市${agency}对${c.name}作出行政处罚`]),
          `${city}市${agency}公布行政处罚决定，${c.name}因${reason}被处以罚款${wan(amount)}。`,
          [c.entityId],
          'penalty',
          'negative',
        );
      }
    }
    if (r.chance(0.1)) {
      const date = recent();
      const newRep = persons[r.int(persons.length)].name;
      const what = r.chance(0.5)
        ? `法定代表人由${c.legalRepName}变更为${newRep}`
        : `总经理由${c.legalRepName}变更为${newRep}`;
      addSignal(c, 'executive_change', date, null, null, what);
      if (r.chance(0.3))
        addNews(
          r,
          date,
          `${short}高管变动：${what}`,
          `工商信息显示，${c.name}近日发生工商变更，${what}。`,
          [c.entityId],
          'executive_change',
          distressed ? 'negative' : 'neutral',
        );
    }
    if (
      (c.size === 'large' || c.size === 'medium') &&
      !distressed &&
      r.chance(c.size === 'large' ? 0.04 : 0.01)
    ) {
      const date = dateIn(r, windowStart, asOfDay);
      const board = r.pick(BOARDS);
      addSignal(
        c,
        'ipo',
        date,
        null,
        roundTo(c.capital * r.uniform(1, 4), 10000),
        `拟在${board}上市，招股说明书已获受理`,
      );
      addNews(
        r,
        date,
        r.pick([`${short}冲刺IPO：拟登陆${board}`, `${c.name}IPO申请获受理`]),
        `${c.name}首次公开发行股票申请已获${board}受理，拟募集资金${wan(c.capital * 2)}用于产能扩张和研发。`,
        [c.entityId],
        'ipo',
        'positive',
      );
    }
    if (r.chance(0.03)) {
      const date = dateIn(r, asOfDay - 720, asOfDay);
      const targetCo = companies[r.int(companies.length)];
      if (targetCo !== c) {
        const pct = Math.round(r.uniform(20, 100));
        const amount = roundTo(targetCo.capital * (pct / 100) * r.uniform(1, 3), 10000);
        addSignal(c, 'm_and_a', date, null, amount, `收购${targetCo.name}${pct}%股权`);
        if (r.chance(0.7))
          addNews(
            r,
            date,
            `${short}拟${wan(amount)}收购${targetCo.name}${pct}%股权`,
            `${c.name}公告称，拟以${wan(amount)}收购${targetCo.name}${pct}%股权，交易完成后将进一步完善产业链布局。`,
            [c.entityId, targetCo.entityId],
            'm_and_a',
            r.chance(0.7) ? 'positive' : 'neutral',
          );
      }
    }
    const bids = 'EIMN'.includes(letter) ? r.poisson(0.5) : r.chance(0.05) ? 1 : 0;
    for (let n = 0; n < bids; n++) {
      const date = recent();
      const project = `${r.pick(CITIES).name}${r.pick(PROJECTS)}`;
      const amount = roundTo(c.revenue * r.uniform(0.02, 0.3), 10000);
      addSignal(c, 'bid_win', date, null, amount, `中标${project}项目`);
      if (r.chance(0.4))
        addNews(
          r,
          date,
          r.pick([`${short}中标${project}项目`, `${c.name}斩获${wan(amount)}${project}订单`]),
          `公共资源交易平台公示显示，${c.name}中标${project}项目，中标金额${wan(amount)}。`,
          [c.entityId],
          'bid_win',
          'positive',
        );
    }
    if (!distressed && r.chance(0.06)) {
      const date = dateIn(r, windowStart, asOfDay);
      const kind = r.int(4);
      const titles = [
        [
          `${short}新建生产基地开工`,
          `${c.name}新建生产基地近日开工，项目达产后预计新增产值${wan(c.revenue * 0.3)}。`,
          'expansion',
        ],
        [
          `${c.name}获评“专精特新”企业`,
          `${city}市经信部门公布名单，${c.name}入选本年度“专精特新”中小企业。`,
          'award',
        ],
        [
          `${short}发布新一代产品`,
          `${c.name}发布新一代${r.pick(INDUSTRIES[c.industryIdx].phrases)}产品，订单已排至下一季度。`,
          'product_launch',
        ],
        [
          `${short}与${bank(r)}签署战略合作协议`,
          `${c.name}与银行签署战略合作协议，获得综合授信支持。`,
          'partnership',
        ],
      ] as const;
      const [title, body, type] = titles[kind];
      addNews(r, date, title, body, [c.entityId], type, 'positive');
    }
    if (distressed) {
      for (let n = r.range(1, 3); n > 0; n--) {
        const date = dateIn(r, distressDay - 30, asOfDay);
        const kind = r.int(4);
        const titles = [
          [
            `${short}被曝拖欠供应商货款`,
            `多家供应商反映${c.name}拖欠货款数月，公司回应称正在积极筹措资金。`,
            'payment_default',
          ],
          [
            `${short}部分产线停产`,
            `记者走访发现${c.name}部分生产线已停工，员工表示订单明显减少。`,
            'suspension',
          ],
          [
            `${c.name}被列为失信被执行人`,
            `中国执行信息公开网显示，${c.name}因未履行生效法律文书确定的义务被列为失信被执行人。`,
            'dishonest_debtor',
          ],
          [
            `${short}贷款逾期 银行已提起诉讼`,
            `${c.name}多笔银行贷款出现逾期，相关银行已采取诉讼保全措施。`,
            'loan_default',
          ],
        ] as const;
        const [title, body, type] = titles[kind];
        addNews(r, date, title, body, [c.entityId], type, 'negative');
      }
    }
  });

  let groupTruth = '';
  for (const g of world.groups) {
    const controller = persons[g.controller].entityId;
    for (const h of g.holdings) groupTruth += csvRow([g.id, controller, companies[h].entityId, 'holding']);
    for (const m of g.members) groupTruth += csvRow([g.id, controller, companies[m].entityId, 'member']);
  }
  let circleTruth = '';
  world.circles.forEach((members, id) => {
    members.forEach((k, position) => {
      circleTruth += csvRow([
        id,
        position,
        companies[k].entityId,
        companies[k].customerIndex >= 0 ? customerId(companies[k].customerIndex) : null,
      ]);
    });
  });

  return { entity, relation, external_signal: signals, news, groupTruth, circleTruth, counts };
}
