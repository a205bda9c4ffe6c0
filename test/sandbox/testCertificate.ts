import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/** A certificate authority made for one run, and a server certificate it signed. */
export interface TestCertificate {
	/** The CA's certificate (PEM file): what `NODE_EXTRA_CA_CERTS` points at, so the extension host trusts the server. */
	readonly caFile: string;
	/** The server's key and certificate, PEM. */
	readonly key: string;
	readonly cert: string;
}

/**
 * Makes a CA and a server certificate for `host` (a DNS name or an IP address) in `dir` with the openssl CLI
 * (scripts/setup-vscode-host.sh installs it): P-256 keys, valid from now for two days, `host` as the subject
 * alternative name Node checks. The CA key never leaves `dir`, so nothing else can be signed with it.
 */
export function makeTestCertificate(dir: string, host: string): TestCertificate {
	const file = (name: string): string => path.join(dir, name);
	const openssl = (...args: string[]): void => {
		execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
	};
	const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
	openssl(
		'req',
		'-x509',
		...newKey,
		'-keyout',
		file('ca.key'),
		'-out',
		file('ca.pem'),
		'-days',
		'2',
		'-subj',
		'/CN=wechat-access-token e2e CA',
		'-addext',
		'basicConstraints=critical,CA:TRUE',
		'-addext',
		'keyUsage=critical,keyCertSign,cRLSign',
	);
	openssl('req', ...newKey, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', `/CN=${host}`);
	writeFileSync(
		file('server.ext'),
		[
			`subjectAltName=${net.isIP(host) === 0 ? 'DNS' : 'IP'}:${host}`,
			'basicConstraints=critical,CA:FALSE',
			'keyUsage=critical,digitalSignature',
			'extendedKeyUsage=serverAuth',
			'',
		].join('\n'),
	);
	openssl(
		'x509',
		'-req',
		'-in',
		file('server.csr'),
		'-CA',
		file('ca.pem'),
		'-CAkey',
		file('ca.key'),
		'-CAcreateserial',
		'-out',
		file('server.pem'),
		'-days',
		'2',
		'-extfile',
		file('server.ext'),
	);
	return {
		caFile: file('ca.pem'),
		key: readFileSync(file('server.key'), 'utf8'),
		cert: readFileSync(file('server.pem'), 'utf8'),
	};
}
