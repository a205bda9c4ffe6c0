import { spawnSync } from 'node:child_process';
import type { AuthingRequest } from '../src/core/tokenTypes';
import { AUTHING_INFO_PATH } from './sandboxProcess';

export interface ColdStartSample {
	/** `require()` of the module alone. */
	readonly requireMs: number;
	/** From the end of `require()` to the first token in hand: creating the client and one real request. */
	readonly firstCallMs: number;
}

export type ColdStartScripts = Readonly<Record<string, string>>;

export interface ContenderScripts {
	readonly ours: string;
	readonly sdk: string;
	readonly floor: string;
}

const PRINT = 'process.stdout.write(JSON.stringify({requireMs:Number(t1-t0)/1e6,firstCallMs:Number(t2-t1)/1e6}))';
const NOW = 'process.hrtime.bigint()';

/**
 * `node -e` scripts, one per contender: time `require()` of the module in a fresh process, then one call to the
 * sandbox. Only these are timed, not Node's own start-up.
 */
export function coldStartScripts(
	files: { readonly ours: string; readonly sdk: string },
	request: AuthingRequest,
): ContenderScripts {
	const body = JSON.stringify({ appId: request.appId, appSecret: request.appSecret });
	const url = new URL(request.host);
	return {
		ours: [
			`const t0=${NOW};const m=require(${JSON.stringify(files.ours)});const t1=${NOW};`,
			`m.createTokenClient().fetchToken(${JSON.stringify(request)}).then(()=>{const t2=${NOW};${PRINT}})`,
		].join(''),
		sdk: [
			`const t0=${NOW};const m=require(${JSON.stringify(files.sdk)});const t1=${NOW};`,
			`new m.AuthenticationClient({appId:${JSON.stringify(request.authingAppId)},appHost:${JSON.stringify(request.host)},tokenEndPointAuthMethod:'none'})`,
			`.getWechatMpAccessTokenInfo(${body}).then((r)=>{if(r.statusCode!==200)throw new Error(r.message);const t2=${NOW};${PRINT}})`,
		].join(''),
		floor: [
			`const t0=${NOW};const http=require('node:http');const t1=${NOW};`,
			`const b=${JSON.stringify(body)};`,
			`const q=http.request({hostname:${JSON.stringify(url.hostname)},port:${JSON.stringify(url.port)},path:${JSON.stringify(AUTHING_INFO_PATH)},method:'POST',agent:new http.Agent({keepAlive:true}),`,
			`headers:{'content-type':'application/json','content-length':Buffer.byteLength(b),'x-authing-app-id':${JSON.stringify(request.authingAppId)}}},(s)=>{let t='';s.setEncoding('utf8');`,
			`s.on('data',(c)=>t+=c);s.on('end',()=>{if(JSON.parse(t).statusCode!==200)throw new Error(t);const t2=${NOW};${PRINT};process.exit(0)})});q.end(b)`,
		].join(''),
	};
}

/** Runs each script `samples` times in fresh processes, contenders interleaved round-robin. */
export function coldStartSamples(scripts: ColdStartScripts, samples: number): Record<string, ColdStartSample[]> {
	const names = Object.keys(scripts);
	const results: Record<string, ColdStartSample[]> = Object.fromEntries(
		names.map((name) => [name, [] as ColdStartSample[]]),
	);
	for (let round = 0; round < samples; round++) {
		for (let i = 0; i < names.length; i++) {
			const name = names[(round + i) % names.length] as string;
			results[name]?.push(runOnce(name, scripts[name] as string));
		}
	}
	return results;
}

function runOnce(name: string, script: string): ColdStartSample {
	// NODE_OPTIONS is cleared so no loader (tsx's, say) is preloaded into the child.
	const child = spawnSync(process.execPath, ['-e', script], {
		encoding: 'utf8',
		env: { ...process.env, NODE_OPTIONS: '' },
		timeout: 30_000,
	});
	try {
		const sample = JSON.parse(child.stdout) as ColdStartSample;
		if (Number.isFinite(sample.requireMs) && Number.isFinite(sample.firstCallMs)) {
			return sample;
		}
	} catch {
		// Reported below.
	}
	throw new Error(`cold start of ${name} failed (exit ${child.status}): ${child.stderr || child.stdout}`);
}
