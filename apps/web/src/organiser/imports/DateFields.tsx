import { Form, Input, Select } from 'antd';
import { label } from '../../shared/format';
import type { ReviewValues } from './accept-body';
import { FIELD_LABELS, PRECISIONS } from './facts';
import { FORM_LABELS, options } from './review-form';
import type { StoredImport } from './types';

const YEAR_FROM: Record<string, string> = {
  event_name: 'năm lấy từ tên hội nghị',
  published_date: 'năm lấy từ ngày đăng bài',
};

/** The date as the organiser reviews it: its precision, then a day range, a month or a year. */
export function DateFields({
  proposal: p,
  precision,
}: {
  proposal: StoredImport;
  precision: ReviewValues['precision'];
}) {
  return (
    <fieldset className="import-date">
      <legend>
        {FIELD_LABELS.date}
        {p.date && (
          <span className="hint">
            {' '}
            — đề xuất: {label(PRECISIONS, p.date.value.precision).toLowerCase()}
            {p.date.value.yearFrom && YEAR_FROM[p.date.value.yearFrom] ? `, ${YEAR_FROM[p.date.value.yearFrom]}` : ''}
          </span>
        )}
      </legend>
      <div className="form-grid">
        <Form.Item label={FORM_LABELS.precision} name="precision">
          <Select options={options(PRECISIONS)} />
        </Form.Item>
        {precision === 'day' && (
          <Form.Item label={FORM_LABELS.day} name="day">
            <Input type="date" />
          </Form.Item>
        )}
        {precision === 'day' && (
          <Form.Item label={FORM_LABELS.endsOn} name="endsOn" extra="Bỏ trống nếu diễn ra trong một ngày.">
            <Input type="date" />
          </Form.Item>
        )}
        {precision === 'month' && (
          <Form.Item label={FORM_LABELS.month} name="month">
            <Input type="month" />
          </Form.Item>
        )}
        {precision === 'year' && (
          <Form.Item
            label={FORM_LABELS.year}
            name="year"
            rules={[{ pattern: /^\d{4}$/, message: 'Vui lòng nhập năm, ví dụ 2026.' }]}
          >
            <Input inputMode="numeric" maxLength={4} />
          </Form.Item>
        )}
      </div>
    </fieldset>
  );
}
