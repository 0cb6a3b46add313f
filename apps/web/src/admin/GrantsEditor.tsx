import { Button, Select } from 'antd';
import { useState } from 'react';
import { matchesFolded } from '../shared/format';
import { RemotePicker } from '../organiser/RemotePicker';
import { useDebounced } from '../shared/useDebounced';
import { ROLE_LABELS, useCurrentProvinces, useSessionSearch, type Grant, type Role } from './queries';

const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((value) => ({ value, label: ROLE_LABELS[value] }));

function SessionScope({
  id,
  value,
  onChange,
  knownTitle,
}: {
  id: string;
  value: number | null | undefined;
  onChange: (value: number | null) => void;
  knownTitle?: string;
}) {
  const [q, setQ] = useState('');
  const search = useSessionSearch(useDebounced(q, 250));
  const options = (search.data?.items ?? []).map((s) => ({ value: s.id, label: s.title }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: knownTitle ?? `Hội nghị #${value}` });
  return (
    <Select<number>
      id={id}
      allowClear
      placeholder="Mọi hội nghị"
      value={value ?? undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={options}
      onChange={(next) => onChange(next ?? null)}
    />
  );
}

/** Role grants edited as a whole: each a role, with a session (organiser, coordinator) or a province (delegate). */
export function GrantsEditor({
  value,
  onChange,
  idPrefix,
}: {
  value: Grant[];
  onChange: (grants: Grant[]) => void;
  idPrefix: string;
}) {
  const provinces = useCurrentProvinces();
  const set = (index: number, grant: Grant) => onChange(value.map((g, i) => (i === index ? grant : g)));
  return (
    <fieldset className="grants">
      <legend>Quyền</legend>
      {value.length === 0 && <p>Chưa có quyền nào: tài khoản chỉ xem được danh mục công khai.</p>}
      <ul className="plain-list" aria-label="Các quyền">
        {value.map((grant, index) => {
          const base = `${idPrefix}-${index}`;
          return (
            <li key={index} className="grant-row">
              <label htmlFor={`${base}-role`} className="stack-label">
                Vai trò {index + 1}
              </label>
              <Select<Role>
                id={`${base}-role`}
                value={grant.role}
                options={ROLE_OPTIONS}
                onChange={(role) => set(index, { role, sessionId: null, provinceId: null })}
              />
              {(grant.role === 'organiser' || grant.role === 'coordinator') && (
                <>
                  <label htmlFor={`${base}-session`} className="stack-label">
                    Chỉ cho hội nghị (bỏ trống: mọi hội nghị)
                  </label>
                  <SessionScope
                    id={`${base}-session`}
                    value={grant.sessionId}
                    onChange={(sessionId) => set(index, { ...grant, sessionId, organisationId: null })}
                  />
                </>
              )}
              {grant.role === 'organiser' && !grant.sessionId && (
                <>
                  <label htmlFor={`${base}-organisation`} className="stack-label">
                    Thuộc tổ chức (chỉ các hội nghị tổ chức này chủ trì, phối hợp)
                  </label>
                  <RemotePicker
                    id={`${base}-organisation`}
                    kind="organisations"
                    value={grant.organisationId}
                    placeholder="Không gắn tổ chức"
                    known={
                      grant.organisationId
                        ? [{ value: grant.organisationId, label: `Tổ chức #${grant.organisationId}` }]
                        : []
                    }
                    onChange={(organisationId) =>
                      set(index, {
                        ...grant,
                        organisationId: typeof organisationId === 'number' ? organisationId : null,
                      })
                    }
                  />
                </>
              )}
              {grant.role === 'province_delegate' && (
                <>
                  <label htmlFor={`${base}-province`} className="stack-label">
                    Tỉnh, thành phố
                  </label>
                  <Select<number>
                    id={`${base}-province`}
                    value={grant.provinceId ?? undefined}
                    showSearch={{ filterOption: matchesFolded }}
                    loading={provinces.isPending}
                    options={(provinces.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
                    onChange={(provinceId) => set(index, { ...grant, provinceId })}
                  />
                </>
              )}
              <Button
                size="small"
                danger
                aria-label={`Bỏ vai trò ${index + 1}`}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
              >
                Bỏ
              </Button>
            </li>
          );
        })}
      </ul>
      <Button onClick={() => onChange([...value, { role: 'organiser', sessionId: null, provinceId: null }])}>
        Thêm vai trò
      </Button>
    </fieldset>
  );
}

export function grantText(grant: Grant, provinceName: (id: number) => string): string {
  const role = ROLE_LABELS[grant.role];
  if (grant.role === 'province_delegate' && grant.provinceId) return `${role} ${provinceName(grant.provinceId)}`;
  if (grant.sessionId) return `${role} (hội nghị #${grant.sessionId})`;
  if (grant.organisationId) return `${role} (tổ chức #${grant.organisationId})`;
  return role;
}
