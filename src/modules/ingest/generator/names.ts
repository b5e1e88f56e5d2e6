/** Chinese personal names: surnames weighted by their share of the population, given names by era. */
import { type Rng, type WeightedTable, sampleIndex, weightedTable } from './random.ts';

/** Surnames with their approximate share (per mille) of China's population (2020 census order). */
const SURNAME_SHARES: readonly (readonly [string, number])[] = [
  ['王', 71],
  ['李', 70],
  ['张', 67],
  ['刘', 54],
  ['陈', 46],
  ['杨', 31],
  ['黄', 25],
  ['赵', 23],
  ['吴', 20],
  ['周', 19],
  ['徐', 16],
  ['孙', 15],
  ['马', 14],
  ['朱', 13],
  ['胡', 12],
  ['郭', 11],
  ['何', 11],
  ['林', 10],
  ['高', 10],
  ['罗', 9],
  ['郑', 9],
  ['梁', 8],
  ['谢', 7],
  ['宋', 7],
  ['唐', 7],
  ['许', 6],
  ['韩', 6],
  ['冯', 6],
  ['邓', 6],
  ['曹', 5],
  ['彭', 5],
  ['曾', 5],
  ['肖', 5],
  ['田', 5],
  ['董', 5],
  ['袁', 4],
  ['潘', 4],
  ['于', 4],
  ['蒋', 4],
  ['蔡', 4],
  ['余', 4],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['苏', 3],
  ['魏', 3],
  ['吕', 3],
  ['丁', 3],
  ['任', 3],
  ['沈', 3],
  ['姚', 3],
  ['卢', 3],
  ['姜', 3],
  ['崔', 3],
  ['钟', 3],
  ['谭', 3],
  ['陆', 3],
  ['汪', 3],
  ['范', 3],
  ['金', 3],
  ['石', 2],
  ['廖', 2],
  ['贾', 2],
  ['夏', 2],
  ['韦', 2],
  ['付', 2],
  ['方', 2],
  ['白', 2],
  ['邹', 2],
  ['孟', 2],
  ['熊', 2],
  ['秦', 2],
  ['邱', 2],
  ['江', 2],
  ['尹', 2],
  ['薛', 2],
  ['闫', 2],
  ['段', 2],
  ['雷', 2],
  ['侯', 2],
  ['龙', 2],
  ['史', 2],
  ['陶', 2],
  ['黎', 2],
  ['贺', 2],
  ['顾', 2],
  ['毛', 2],
  ['郝', 2],
  ['龚', 2],
  ['邵', 2],
  ['万', 1],
  ['钱', 1],
  ['严', 1],
  ['覃', 1],
  ['武', 1],
  ['戴', 1],
  ['莫', 1],
  ['孔', 1],
  ['向', 1],
  ['汤', 1],
  ['欧阳', 0.5],
  ['上官', 0.1],
  ['司马', 0.1],
  ['诸葛', 0.1],
];

const SURNAMES = SURNAME_SHARES.map(([s]) => s);
const SURNAME_TABLE: WeightedTable = weightedTable(SURNAME_SHARES.map(([, w]) => w));

/** Given-name characters by era (born before 1965, 1965–1989, 1990 on) and gender. */
const GIVEN: Record<'old' | 'mid' | 'young', { M: string; F: string }> = {
  old: {
    M: '建国军华明德福国强平志伟文庆荣生林海春永忠祥胜利富贵东成刚',
    F: '秀英桂兰淑珍玉凤芳华梅兰英琴翠霞美丽素云金花月娥爱红桂珍',
  },
  mid: {
    M: '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林峰亮成志文斌晓东海',
    F: '芳娜敏静丽艳娟霞秀玲婷雪慧燕红琳洁颖倩晶梅莉兰萍琴云丹晓燕露薇',
  },
  young: {
    M: '子轩浩宇睿泽皓然逸航诚瑞嘉豪毅昊天一辰博文俊熙宇杰晨阳铭楷梓锐',
    F: '欣怡萱涵悦佳雨思梦诗婧妍可馨彤晴瑶蕾梓涵语琪若汐雅诺一依子',
  },
};

/** Picks a surname by its population share. */
export function pickSurname(rng: Rng): string {
  return SURNAMES[sampleIndex(SURNAME_TABLE, rng)];
}

/** A full name for a person of `gender` born in `birthYear`; given names are one or two characters. */
export function personName(
  rng: Rng,
  gender: 'M' | 'F',
  birthYear: number,
  surname = pickSurname(rng),
): string {
  const era = birthYear < 1965 ? 'old' : birthYear < 1990 ? 'mid' : 'young';
  const pool = GIVEN[era][gender];
  const single = rng.chance(era === 'old' ? 0.2 : era === 'mid' ? 0.35 : 0.18);
  const first = pool[rng.int(pool.length)];
  if (single) return surname + first;
  let second = pool[rng.int(pool.length)];
  if (second === first && rng.chance(0.7)) second = pool[rng.int(pool.length)];
  return surname + first + second;
}
