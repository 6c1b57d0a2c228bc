/**
 * What an Aliyun Dysmsapi error code means for the message: permanent (this request will be refused again:
 * the number, the template, the sign name, the parameters or the content is wrong) or transient (the
 * provider or the account is in a state that passes: throttling, limits, balance, a system error, the
 * credentials an administrator is fixing). Texts are for the office message page.
 */
const KNOWN: Record<string, { permanent: boolean; hint: string }> = {
  'isv.MOBILE_NUMBER_ILLEGAL': { permanent: true, hint: '手机号码不正确' },
  'isv.MOBILE_COUNT_OVER_LIMIT': { permanent: true, hint: '手机号码数量超过上限' },
  'isv.SMS_TEMPLATE_ILLEGAL': { permanent: true, hint: '短信模板不存在或未通过审核，请检查 ALIYUN_SMS_TEMPLATES' },
  'isv.TEMPLATE_MISSING_PARAMETERS': { permanent: true, hint: '短信模板缺少变量' },
  'isv.TEMPLATE_PARAMS_ILLEGAL': { permanent: true, hint: '短信模板变量不合规' },
  'isv.SMS_SIGNATURE_ILLEGAL': { permanent: true, hint: '短信签名不存在或未通过审核，请检查 ALIYUN_SMS_SIGN_NAME' },
  'isv.SMS_SIGN_ILLEGAL': { permanent: true, hint: '短信签名禁止使用' },
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL': { permanent: true, hint: '短信签名与模板类型不一致' },
  'isv.INVALID_PARAMETERS': { permanent: true, hint: '请求参数不正确' },
  'isv.INVALID_JSON_PARAM': { permanent: true, hint: '模板变量不是合法的 JSON' },
  'isv.PARAM_LENGTH_LIMIT': { permanent: true, hint: '模板变量超过长度限制' },
  'isv.PARAM_NOT_SUPPORT_URL': { permanent: true, hint: '模板变量不允许包含网址' },
  'isv.SMS_CONTENT_ILLEGAL': { permanent: true, hint: '短信内容包含禁止发送的内容' },
  'isv.BLACK_KEY_CONTROL_LIMIT': { permanent: true, hint: '短信内容命中黑名单关键字' },
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED': { permanent: true, hint: '模板不支持发送境内号码' },
  'isv.BUSINESS_LIMIT_CONTROL': { permanent: false, hint: '该号码触发短信平台的频率限制，稍后重试' },
  'isv.DAY_LIMIT_CONTROL': { permanent: false, hint: '已达到当日发送总量上限，稍后重试' },
  'isv.MONTH_LIMIT_CONTROL': { permanent: false, hint: '已达到当月发送总量上限' },
  'isv.AMOUNT_NOT_ENOUGH': { permanent: false, hint: '短信账户余额不足' },
  'isv.OUT_OF_SERVICE': { permanent: false, hint: '短信业务停机（余额不足）' },
  'isv.ACCOUNT_ABNORMAL': { permanent: false, hint: '短信账户异常' },
  'isp.SYSTEM_ERROR': { permanent: false, hint: '短信平台系统错误，稍后重试' },
  'isp.RAM_PERMISSION_DENY': { permanent: false, hint: 'AccessKey 没有发送短信的权限（RAM）' },
  SignatureDoesNotMatch: { permanent: false, hint: '请求签名不匹配，请检查 ALIYUN_ACCESS_KEY_SECRET' },
  'InvalidAccessKeyId.NotFound': { permanent: false, hint: 'AccessKey 不存在，请检查 ALIYUN_ACCESS_KEY_ID' },
  'InvalidAccessKeyId.Inactive': { permanent: false, hint: 'AccessKey 已停用' },
  'InvalidTimeStamp.Expired': { permanent: false, hint: '请求时间与短信平台相差过大，请校准服务器时钟' },
  SignatureNonceUsed: { permanent: false, hint: '请求随机数重复' },
};

export interface AliyunErrorMeaning {
  permanent: boolean;
  error: string;
}

export function aliyunErrorMeaning(code: string | undefined, message: string | undefined, httpStatus: number): AliyunErrorMeaning {
  const detail = `${code ?? `HTTP ${httpStatus}`}${message ? `：${message}` : ''}`;
  const known = code ? KNOWN[code] : undefined;
  if (known) return { permanent: known.permanent, error: `${known.hint}（${detail}）` };
  if (code && /^Throttling/.test(code)) return { permanent: false, error: `短信平台限流，稍后重试（${detail}）` };
  if (httpStatus >= 500) return { permanent: false, error: `短信平台暂时不可用（${detail}）` };
  // Any other isv.* code names something wrong with the request itself; anything else may pass.
  if (code?.startsWith('isv.')) return { permanent: true, error: `短信平台拒绝了这条短信（${detail}）` };
  return { permanent: false, error: `短信平台返回错误（${detail}）` };
}
