/** 登录与值机人员（issue #11）；英文见 session.en.ts。 */
import type { Messages } from './en';

export const sessionZhCN: Messages['session'] = {
  title: '登录',
  subtitle: '值机人员在值机台登录；电视墙以当班人员的身份操作。',
  name: '姓名',
  password: '密码',
  signIn: '登录',
  signingIn: '正在登录…',
  signOut: '退出',
  signOutTitle: '退出登录，下一班在此登录',
  onDuty: '{{name}} · {{role}}',
  setupTitle: '创建首个管理员',
  setupHint: '本工作站尚无值机人员账号。请先创建管理员，再由管理员添加值机员和值班长。',
  setup: '创建并登录',
  demoTitle: '演示账号（内置模拟平台）',
  demoUse: '以{{name}}登录',
  demoPassword: '密码：{{password}}',
  failed: '登录失败：{{message}}',
  wallNobody: '值机台无人登录',
  operators: {
    title: '值机人员',
    name: '姓名',
    role: '角色',
    password: '新密码',
    passwordKeep: '留空则不修改',
    disabled: '停用',
    locked: '锁定至 {{time}}',
    save: '保存',
    add: '添加或修改人员',
    saved: '已保存 {{name}}',
  },
};
