import { AGENDA_KINDS, label, ORGANISER_ROLES, REPORTED_FIELDS } from '../../shared/format';
import type { FactList, PresenterValue, StoredImport } from './types';

/** Vietnamese names of the proposal's fields, also for the adds/agrees/conflicts of a same event. */
export const FIELD_LABELS: Record<string, string> = {
  title: 'Tên hội nghị',
  kind: 'Loại hội nghị',
  date: 'Ngày',
  partOfDay: 'Buổi',
  venue: 'Địa điểm',
  hostProvince: 'Tỉnh đăng cai',
  format: 'Hình thức',
  organisers: 'Đơn vị tổ chức',
  invitation: 'Thành phần được mời',
  items: 'Nội dung chương trình',
  presenters: 'Người trình bày',
  documents: 'Văn bản',
  counts: 'Số liệu',
  bridgePoints: 'Điểm cầu',
  delegations: 'Đoàn đại biểu',
};

export const PARTS_OF_DAY: Record<string, string> = {
  morning: 'Buổi sáng',
  noon: 'Buổi trưa',
  afternoon: 'Buổi chiều',
  evening: 'Buổi tối',
  full_day: 'Cả ngày',
};

export const PRECISIONS: Record<string, string> = { day: 'Biết ngày', month: 'Chỉ biết tháng', year: 'Chỉ biết năm' };

const QUALIFIERS: Record<string, string> = {
  exact: '',
  more_than: 'hơn ',
  about: 'khoảng ',
  nearly: 'gần ',
  up_to: 'lên tới ',
};

const COUNT_FIELDS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(REPORTED_FIELDS).map(([key, field]) => [key, field.label])),
  delegation_count: 'Số đoàn',
};

const INVITATION_SCOPES: Record<string, string> = {
  nationwide: 'Cả nước',
  regions: 'Các vùng',
  provinces: 'Các tỉnh, thành phố',
};

const newTag = (link: { isNew: boolean }) => (link.isNew ? ' (mới)' : '');

/** A presenter as the article names them: "PGS.TS Trần Thị Hoa, Phó Cục trưởng …". */
export function describePresenter(p: PresenterValue): string {
  if (p.person) {
    const { person, militaryRank, academicTitle, posts } = p.person;
    const name = [militaryRank, academicTitle, person.name].filter(Boolean).join(' ');
    return [name + newTag(person), ...posts].join(', ');
  }
  return p.organisation ? p.organisation.name + newTag(p.organisation) : '';
}

/** One fact of a list, in a line of Vietnamese (what the organiser keeps or leaves out). */
export function describeFact(p: StoredImport, list: FactList | 'invitation', index = 0): string {
  switch (list) {
    case 'organisers': {
      const { organisation, role } = p.organisers[index].value;
      return `${organisation.name}${newTag(organisation)} — ${label(ORGANISER_ROLES, role)}`;
    }
    case 'items': {
      const item = p.items[index].value;
      const by = item.presenters.map(describePresenter).filter(Boolean);
      return `${label(AGENDA_KINDS, item.kind)}: ${item.title}${by.length ? ` — ${by.join('; ')}` : ''}`;
    }
    case 'presenters':
      return describePresenter(p.presenters[index].value);
    case 'documents': {
      const d = p.documents[index].value;
      const head = [d.kind, d.number ? `số ${d.number}` : d.document.name].filter(Boolean).join(' ');
      return `${head}${d.issuer ? ` của ${d.issuer}` : ''}${newTag(d.document)}`;
    }
    case 'counts': {
      const c = p.counts[index].value;
      const what = `${QUALIFIERS[c.qualifier] ?? ''}${c.value.toLocaleString('vi-VN')} ${c.unit}`.trim();
      return `${label(COUNT_FIELDS, c.field)}: ${what}${c.conflict ? ' (bài nêu số khác)' : ''}`;
    }
    case 'bridgePoints': {
      const b = p.bridgePoints[index].value;
      return `${b.name}${b.count !== null ? ` (${b.count} điểm)` : ''}${b.abroad ? ', ở nước ngoài' : ''}`;
    }
    case 'delegations': {
      const d = p.delegations[index].value;
      return `${d.province.name}${d.organisations.length ? `: ${d.organisations.join(', ')}` : ''}`;
    }
    case 'invitation': {
      const v = p.invitation?.value;
      if (!v) return '';
      const names = [...v.regions, ...v.provinces].map((l) => l.name + newTag(l));
      return [label(INVITATION_SCOPES, v.scope), names.join(', ')].filter(Boolean).join(': ');
    }
  }
}

/** "80%": how sure the rule is, as the organiser reads it. */
export const percent = (confidence: number): string => `${Math.round(confidence * 100)}%`;
