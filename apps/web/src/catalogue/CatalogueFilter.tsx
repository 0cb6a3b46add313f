import { Select, type SelectProps } from 'antd';
import { useId } from 'react';

/** Lower case without tone marks or diacritics (đ as d): "Tây Nguyên" is found by "tay nguyen". */
const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/** One labelled filter of the catalogue: a select that can be cleared (and searched when long). */
export function CatalogueFilter<T extends number | string>({
  label,
  options,
  value,
  onChange,
  placeholder = 'Tất cả',
  loading = false,
  searchable = false,
}: {
  label: string;
  /** Options, or groups of them (provinces of either era). */
  options: NonNullable<SelectProps['options']>;
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  placeholder?: string;
  loading?: boolean;
  searchable?: boolean;
}) {
  const id = useId();
  return (
    <label htmlFor={id}>
      {label}
      <Select
        id={id}
        allowClear
        showSearch={
          searchable
            ? { filterOption: (typed, option) => fold(String(option?.label ?? '')).includes(fold(typed)) }
            : undefined
        }
        placeholder={placeholder}
        options={options}
        loading={loading}
        value={value}
        onChange={(next?: T) => onChange(next)}
      />
    </label>
  );
}
