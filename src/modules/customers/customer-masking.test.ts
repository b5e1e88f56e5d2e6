import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskPhone } from './customer-masking.ts';

describe('maskIdNumber', () => {
  it('keeps region and last 4 of an 18-character resident ID', () => {
    expect(maskIdNumber('110105199001011234')).toBe('110105********1234');
    expect(maskIdNumber('11010519900101123X')).toBe('110105********123X');
  });
  it('keeps 6 and 4 of a 15-digit old ID', () => {
    expect(maskIdNumber('110105900101123')).toBe('110105*****1123');
  });
  it('keeps 2 and 2 of other documents and hides short ones entirely', () => {
    expect(maskIdNumber('E12345678')).toBe('E1*****78');
    expect(maskIdNumber('1234567')).toBe('*******');
  });
  it('returns null for absent values', () => {
    expect(maskIdNumber(null)).toBeNull();
    expect(maskIdNumber(undefined)).toBeNull();
    expect(maskIdNumber('  ')).toBeNull();
  });
});

describe('maskPhone', () => {
  it('masks a mainland mobile as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('drops country code and separators', () => {
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('8613812345678')).toBe('138****5678');
  });
  it('masks landlines keeping 3 and 4 digits', () => {
    expect(maskPhone('021-62345678')).toBe('021****5678');
  });
  it('hides short numbers and returns null for absent ones', () => {
    expect(maskPhone('95588')).toBe('*****');
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('')).toBeNull();
  });
});

describe('maskAddress', () => {
  it('keeps the first 6 characters of a Chinese address', () => {
    expect(maskAddress('上海市浦东新区世纪大道100号')).toBe('上海市浦东新****');
  });
  it('counts code points, not UTF-16 units', () => {
    expect(maskAddress('𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇')).toBe('𠀀𠀁𠀂𠀃𠀄𠀅****');
  });
  it('keeps half of a short address', () => {
    expect(maskAddress('北京市朝阳区')).toBe('北京市****');
    expect(maskAddress(null)).toBeNull();
  });
});
