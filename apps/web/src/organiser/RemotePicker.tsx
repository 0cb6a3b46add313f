import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useDebounced } from '../shared/useDebounced';
import { useDocumentSearch, useOrganisationSearch, usePeopleSearch } from './queries';

export interface Choice {
  value: number;
  label: string;
}

function useChoices(
  kind: 'people' | 'organisations' | 'documents',
  q: string,
): { choices: Choice[]; loading: boolean } {
  const people = usePeopleSearch(q, kind === 'people');
  const organisations = useOrganisationSearch(q, kind === 'organisations');
  const documents = useDocumentSearch(q, kind === 'documents');
  if (kind === 'people') {
    return {
      loading: people.isFetching,
      choices: (people.data?.items ?? []).map((p) => ({
        value: p.id,
        label: [p.academicTitle, p.militaryRank, p.fullName].filter(Boolean).join(' '),
      })),
    };
  }
  if (kind === 'organisations') {
    return {
      loading: organisations.isFetching,
      choices: (organisations.data?.items ?? []).map((o) => ({
        value: o.id,
        label: o.shortName && o.shortName !== o.name ? `${o.name} (${o.shortName})` : o.name,
      })),
    };
  }
  return {
    loading: documents.isFetching,
    choices: (documents.data?.items ?? []).map((d) => ({
      value: d.id,
      label: [d.number, d.title].filter(Boolean).join(' – '),
    })),
  };
}

/**
 * A searchable list filled by the API as one types (accent-insensitive there: "ha noi" finds Hà
 * Nội). `known` names values chosen earlier, so they show by name before any search.
 */
export function RemotePicker({
  id,
  kind,
  value,
  onChange,
  known = [],
  multiple = false,
  placeholder,
}: {
  id?: string;
  kind: 'people' | 'organisations' | 'documents';
  value?: number | number[] | null;
  onChange?: (value: number | number[] | undefined, chosen: Choice[]) => void;
  known?: Choice[];
  multiple?: boolean;
  placeholder?: string;
}) {
  const [q, setQ] = useState('');
  const search = useDebounced(q, 250);
  const { choices, loading } = useChoices(kind, search);
  const [remembered, setRemembered] = useState<Choice[]>([]);
  const options = useMemo(() => {
    const all = new Map<number, Choice>();
    for (const c of [...known, ...remembered, ...choices]) if (!all.has(c.value)) all.set(c.value, c);
    return [...all.values()];
  }, [known, remembered, choices]);
  return (
    <Select<number | number[]>
      id={id}
      mode={multiple ? 'multiple' : undefined}
      style={{ width: '100%' }}
      allowClear
      value={value ?? undefined}
      placeholder={placeholder}
      loading={loading}
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={options}
      notFoundContent={loading ? 'Đang tìm…' : 'Không tìm thấy'}
      onChange={(next) => {
        const picked = (Array.isArray(next) ? next : [next]).filter((v) => v !== undefined);
        const chosen = options.filter((o) => picked.includes(o.value));
        setRemembered((before) => [...before, ...chosen]);
        setQ('');
        onChange?.(next, chosen);
      }}
    />
  );
}
