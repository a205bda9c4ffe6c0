/** A plain-text table: first column left-aligned, the rest left-aligned too (cells are `median (p10–p90)`). */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
	);
	const line = (cells: readonly string[]): string =>
		cells
			.map((cell, column) => cell.padEnd(widths[column] ?? 0))
			.join(' │ ')
			.trimEnd();
	const rule = widths.map((width) => '─'.repeat(width)).join('─┼─');
	return [line(header), rule, ...rows.map(line)].join('\n');
}
