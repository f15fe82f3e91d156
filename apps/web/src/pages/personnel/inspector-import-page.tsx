import { useQueryClient } from '@tanstack/react-query';
import { INSPECTOR_IMPORT_COLUMNS, POOL_LABELS } from '@xc/domain';
import { usePermissions } from '../../api/hooks.ts';
import { downloadInspectorTemplate, importInspectors, ppk } from '../../api/personnel.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { XlsxImport } from '../../components/xlsx-import.tsx';

/** 批量导入巡察干部 from the xlsx template (all or nothing, row-by-row report). */
export default function InspectorImportPage() {
  usePageMeta([{ title: '批量导入' }]);
  const perms = usePermissions();
  const queryClient = useQueryClient();
  return (
    <XlsxImport
      title="批量导入巡察干部"
      columnsHelp={`模板列：${INSPECTOR_IMPORT_COLUMNS.join('、')}。姓名、工作单位、人员库必填；性别填“男”或“女”；专业领域和人员库可填多个，用顿号分隔（人员库可选：${Object.values(POOL_LABELS).join('、')}）；入库日期格式 YYYY-MM-DD。`}
      uploadHint="仅支持 .xlsx，单个文件不超过20MB，一次最多导入5000人"
      unit="名巡察干部"
      downloadTemplate={downloadInspectorTemplate}
      upload={importInspectors}
      onImported={() => void queryClient.invalidateQueries({ queryKey: ppk.all })}
      listPath={(a) => `/personnel/inspectors?authorityId=${encodeURIComponent(a)}`}
      listLabel="查看巡察干部库"
      authorityLocked={!perms.has('authority:read')}
    />
  );
}
