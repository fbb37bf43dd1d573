import { auditChanges, auditValueText } from './audit-labels';

describe('audit labels', () => {
  it('reads a field-by-field change with Chinese field names, yes/no, empty and roles', () => {
    expect(
      auditChanges('user', { disabled: false, roles: ['staff'] }, { disabled: true, roles: ['staff', 'leader'] }),
    ).toEqual([
      { field: '停用', from: '否', to: '是' },
      { field: '角色', from: '机关工作人员', to: '机关工作人员、领导' },
    ]);
    expect(auditChanges('member', null, { phone: '' })).toEqual([{ field: '电话', from: null, to: '（空）' }]);
  });

  it('reads a state recorded as the whole value by the entity’s own state names', () => {
    expect(auditChanges('proposal', 'submitted', 'accepted')).toEqual([
      { field: '状态', from: '已提交', to: '已立案' },
    ]);
    expect(auditChanges('report', 'queued', { status: 'done' })).toEqual([
      { field: '状态', from: '排队中', to: '状态：已生成' },
    ]);
    // The same word is another state's name elsewhere: a plan's draft is a 草案.
    expect(auditValueText('draft', 'status', 'plan')).toBe('草案');
  });

  it('names a subject reference and a report kind, and leaves an unknown word as recorded', () => {
    expect(auditValueText({ type: 'topic', id: 7 })).toBe('协商议题 7');
    expect(auditValueText('briefing', 'kind', 'report')).toBe('协商要报');
    // A document's stage, recorded as the whole value or as a field.
    expect(auditChanges('report', 'draft', { stage: 'submitted', revision: 1 })).toEqual([
      { field: '状态', from: '草稿', to: '文稿阶段：待签发；稿次：1' },
    ]);
    expect(auditValueText('something-new', 'status', 'proposal')).toBe('something-new');
    expect(auditValueText(['a', 'b'])).toBe('a、b');
  });
});
