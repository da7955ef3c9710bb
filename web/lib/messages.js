// What the reader is told when something goes wrong: a Chinese heading and sentence chosen by status, then the
// API's own problem+json words (title, detail, one line per bad parameter), so nothing the API said is lost.

import { text } from "./text.js";

/** The list parameters, as a reader would call them. */
const PARAMETERS = {
  q: "搜索词",
  limit: "每页条数",
  cursor: "翻页位置",
  category: "分类",
  source: "来源",
  from: "起始日期",
  to: "截止日期",
  fields: "字段",
  id: "文章编号",
  slug: "文章地址",
  query: "查询字符串",
};

export class ConfigurationError extends Error {
  constructor(message) {
    super(message);
    this.name = "ConfigurationError";
  }
}

/**
 * @returns {{heading: string, message: string, said: string[], retry: boolean}} `said` is what the API itself said
 */
export function describeError(error) {
  if (error?.name === "ConfigurationError") {
    return { heading: "新闻组件未配置", message: error.message, said: [], retry: false };
  }
  if (error?.name !== "ApiError") {
    return { heading: "页面出错了", message: "显示新闻时出现了意外错误。", said: [String(error?.message ?? error)], retry: true };
  }
  const status = error.status;
  let heading;
  let message;
  let retry = false;
  if (status === 0 && error.timedOut) {
    heading = "新闻服务没有及时回应";
    message = "等了很久仍未收到新闻服务的回应，请稍后重试。";
    retry = true;
  } else if (status === 0) {
    heading = "无法连接新闻服务";
    message = "没有收到新闻服务的回应。请检查网络连接后重试；如果问题持续，可能是新闻服务没有允许本网站访问（CORS）。";
    retry = true;
  } else if (status === 400) {
    heading = "请求有误";
    message = "新闻服务没有接受这个请求（400）。请修改后再试。";
  } else if (status === 404) {
    heading = "没有找到";
    message = "没有找到要访问的内容（404），它可能已被删除，或者链接有误。";
  } else if (status >= 500) {
    heading = "新闻服务暂时不可用";
    message = `新闻服务出错了（${status}），请稍后重试。`;
    retry = true;
  } else {
    heading = "请求失败";
    message = `新闻服务返回了错误（${status}）。`;
    retry = status === 408 || status === 429;
  }
  return { heading, message, said: problemLines(error.problem), retry };
}

/** The problem's words: its title, then each parameter's errors by name (or the detail when there are none). */
function problemLines(problem) {
  if (!problem) return [];
  const lines = [];
  const title = text(problem.title);
  if (title) lines.push(`说明：${title}`);
  const errors = problem.errors && typeof problem.errors === "object" ? Object.entries(problem.errors) : [];
  const perParameter = errors.flatMap(([name, messages]) =>
    (Array.isArray(messages) ? messages : [messages]).map(text).filter(Boolean)
      .map((message) => `${PARAMETERS[name] ?? name}（${name}）：${message}`));
  if (perParameter.length > 0) lines.push(...perParameter);
  else if (text(problem.detail)) lines.push(`详情：${text(problem.detail)}`);
  return lines;
}
