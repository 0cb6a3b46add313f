/** How a list of people is ordered: see {@link nameOrder}. */
export const NAME_SORTS = ['given_name', 'full_name'] as const;
export type NameSort = (typeof NAME_SORTS)[number];

/**
 * ORDER BY terms for a person's name column. Vietnamese lists are read by given name (tên, the
 * last word), then the middle names, then the family name (họ), in the Vietnamese alphabet (ICU
 * `vi`); the vn_* SQL functions come from the attendance field-trial migration. `full_name` keeps
 * the name as written (family name first), for callers that ask for it.
 */
export function nameOrder(column: string, sort: NameSort = 'given_name'): string {
  if (sort === 'full_name') return `${column} COLLATE vi`;
  return [
    `vn_given_name(${column}) COLLATE vi`,
    `vn_middle_names(${column}) COLLATE vi`,
    `vn_family_name(${column}) COLLATE vi`,
  ].join(', ');
}

/**
 * {@link nameOrder} over the sort keys stored beside the name (registration and walk_in have
 * them: sort_given_name, sort_middle_names, sort_family_name, the same vn_* functions), so a
 * sort runs no regular expression per row. `prefix` is the table alias with its dot, or ''.
 */
export function storedNameOrder(prefix: string, sort: NameSort = 'given_name'): string {
  if (sort === 'full_name') return `${prefix}full_name COLLATE vi`;
  return [
    `${prefix}sort_given_name COLLATE vi`,
    `${prefix}sort_middle_names COLLATE vi`,
    `${prefix}sort_family_name COLLATE vi`,
  ].join(', ');
}
