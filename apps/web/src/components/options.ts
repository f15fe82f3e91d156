/** Select options for a fixed list of values, shown by their labels (or as they are). */
export const optionsOf = <V extends string>(values: readonly V[], labels?: Readonly<Record<V, string>>) =>
  values.map((value) => ({ value, label: labels ? labels[value] : value }));
