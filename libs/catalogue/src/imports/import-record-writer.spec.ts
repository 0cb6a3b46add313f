import { organisationKindOf } from './import-record-writer';

describe('the kind of a body named by a report', () => {
  it.each([
    ['Báo Quảng Trị', 'press'],
    ['Ủy ban nhân dân tỉnh Gia Lai', 'local_government'],
    ['UBND tỉnh Lào Cai', 'local_government'],
    ['Tỉnh ủy Gia Lai', 'party_committee'],
    ['Ban Tuyên giáo Tỉnh ủy Quảng Trị', 'party_body'],
    ['Sở Ngoại vụ tỉnh Quảng Trị', 'state_body'],
    ['Học viện Báo chí và Tuyên truyền', 'academic'],
    ['Liên hiệp các tổ chức hữu nghị tỉnh', 'other'],
  ])('%s is %s', (name, kind) => expect(organisationKindOf(name)).toBe(kind));
});
