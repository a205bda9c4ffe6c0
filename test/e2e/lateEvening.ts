import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Runs the e2e suites that show times of day once more (expiry times, "checked at", "serves it until"), with `TZ` set so that local time is 23:00–23:59 now: a
 * 2-hour token then expires tomorrow and the product shows its date, and the tests must derive that, not assume a
 * time of day (issue 11: CI was red for two hours of every day). The zone is one of the fixed-offset `Etc/GMT±N`
 * zones, chosen from the UTC hour at the start, so the run is the same whenever CI runs it.
 */
const SUITES = ['test/e2e/tokens.e2e.ts', 'test/e2e/alertsAndFocus.e2e.ts', 'test/e2e/tokenHealth.e2e.ts'];

/** The fixed-offset zone in which `now` is 23:xx. POSIX signs are inverted: `Etc/GMT-8` is UTC+8. */
export function lateEveningZone(now: Date): string {
	const hoursEast = (((23 - now.getUTCHours()) % 24) + 24) % 24;
	// Etc/GMT zones reach from UTC-12 to UTC+14: 15 to 23 hours east are the same wall clock 9 to 1 hours west.
	const east = hoursEast > 14 ? hoursEast - 24 : hoursEast;
	return east === 0 ? 'Etc/GMT' : east > 0 ? `Etc/GMT-${east}` : `Etc/GMT+${-east}`;
}

function localTime(zone: string): string {
	return new Intl.DateTimeFormat('en-GB', { timeZone: zone, dateStyle: 'medium', timeStyle: 'medium' }).format(
		Date.now(),
	);
}

if (require.main === module) {
	const zone = lateEveningZone(new Date());
	const local = localTime(zone);
	if (!/, 23:\d{2}:\d{2}$/.test(local)) {
		throw new Error(`lateEveningZone chose ${zone}, where it is ${local}: not 23:xx`);
	}
	console.log(`[late evening] TZ=${zone}: local time ${local}; a 2-hour token expires tomorrow`);
	const scratch = mkdtempSync(path.join(os.tmpdir(), 'wechat-token-late-evening-'));
	// The e2e configuration with only these suites: mocha adds files named on its command line to the config's spec.
	const config = path.join(scratch, 'mocharc.json');
	writeFileSync(
		config,
		JSON.stringify({ ...JSON.parse(readFileSync('test/e2e/.mocharc.json', 'utf8')), spec: SUITES }),
	);
	const run = spawnSync('npx', ['mocha', '--config', config], {
		stdio: 'inherit',
		env: { ...process.env, TZ: zone },
	});
	process.exitCode = run.status ?? 1;
}
