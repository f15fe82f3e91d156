import { useQueryClient } from '@tanstack/react-query';
import { ORG_IMPORT_COLUMNS } from '@xc/domain';
import { qk } from '../../api/keys.ts';
import { downloadOrgTemplate, importOrgs } from '../../api/orgs.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { XlsxImport } from '../../components/xlsx-import.tsx';

export default function OrgImportPage() {
  usePageMeta([{ title: '批量导入' }]);
  const queryClient = useQueryClient();
  return (
    <XlsxImport
      title="批量导入单位"
      columnsHelp={`模板列：${ORG_IMPORT_COLUMNS.join('、')}。“上级单位”填写同一巡察机构内已有或本表中的单位名称；日期格式 YYYY-MM-DD。`}
      uploadHint="仅支持 .xlsx，单个文件不超过20MB，一次最多导入20000行"
      unit="个单位"
      downloadTemplate={downloadOrgTemplate}
      upload={importOrgs}
      onImported={() => {
        void queryClient.invalidateQueries({ queryKey: qk.orgs });
        void queryClient.invalidateQueries({ queryKey: qk.authorities });
      }}
      listPath={(a) => `/orgs?authorityId=${encodeURIComponent(a)}`}
      listLabel="查看单位列表"
    />
  );
}
