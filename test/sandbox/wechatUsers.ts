import { SANDBOX_WECHAT_APP, SANDBOX_WECHAT_APP_2 } from './fixtures';

/**
 * The followers the sandbox's apps know (fake), for `/cgi-bin/user/info` and `/cgi-bin/message/custom/send`. An
 * OpenID belongs to one app (28 characters, like the real ones); the same person has one UnionID across apps. What
 * `user/info` answers follows WeChat's current documentation: no nickname, avatar, sex or place any more.
 */
export interface SandboxWechatUser {
	readonly appId: string;
	readonly openid: string;
	/** 0: not (or no longer) following: `user/info` tells only `subscribe` and `openid`, custom messages fail. */
	readonly subscribe: 0 | 1;
	readonly unionid?: string;
	readonly language: string;
	/** Unix seconds. */
	readonly subscribeTime: number;
	readonly remark: string;
	readonly tagIds: readonly number[];
	readonly subscribeScene: string;
	readonly qrScene: number;
	readonly qrSceneStr: string;
}

export const SANDBOX_WECHAT_USERS: readonly SandboxWechatUser[] = [
	{
		appId: SANDBOX_WECHAT_APP.appId,
		openid: 'oLVPpjPtYgjmUhBel31iEl2hpChY',
		subscribe: 1,
		unionid: 'oXrZAtRS_6ilI8ihN5KXSc7Tvo_h',
		language: 'zh_CN',
		subscribeTime: 1_693_468_800,
		remark: '测试用户',
		tagIds: [2, 128],
		subscribeScene: 'ADD_SCENE_QR_CODE',
		qrScene: 98765,
		qrSceneStr: '',
	},
	{
		appId: SANDBOX_WECHAT_APP.appId,
		openid: 'oLVPpjgCfrL1spNxnyVmihA_2O76',
		subscribe: 0,
		language: 'en',
		subscribeTime: 1_656_633_600,
		remark: '',
		tagIds: [],
		subscribeScene: 'ADD_SCENE_SEARCH',
		qrScene: 0,
		qrSceneStr: '',
	},
	{
		appId: SANDBOX_WECHAT_APP_2.appId,
		openid: 'o6_bmjUMFxFkM_R5Kjp1vRt-1fjO',
		subscribe: 1,
		unionid: 'oXrZAtRS_6ilI8ihN5KXSc7Tvo_h',
		language: 'zh_CN',
		subscribeTime: 1_704_067_200,
		remark: '',
		tagIds: [],
		subscribeScene: 'ADD_SCENE_PROFILE_CARD',
		qrScene: 0,
		qrSceneStr: '',
	},
];

/** A follower of `appId` by OpenID; undefined for another app's OpenID or one nobody has. */
export function findWechatUser(appId: string, openid: unknown): SandboxWechatUser | undefined {
	return SANDBOX_WECHAT_USERS.find((user) => user.appId === appId && user.openid === openid);
}

/** `user/info`'s answer for `user`, fields in WeChat's documented order. */
export function userInfo(user: SandboxWechatUser): Record<string, unknown> {
	if (user.subscribe === 0) {
		return { subscribe: 0, openid: user.openid, ...(user.unionid === undefined ? {} : { unionid: user.unionid }) };
	}
	return {
		subscribe: 1,
		openid: user.openid,
		language: user.language,
		subscribe_time: user.subscribeTime,
		...(user.unionid === undefined ? {} : { unionid: user.unionid }),
		remark: user.remark,
		groupid: 0,
		tagid_list: user.tagIds,
		subscribe_scene: user.subscribeScene,
		qr_scene: user.qrScene,
		qr_scene_str: user.qrSceneStr,
	};
}
