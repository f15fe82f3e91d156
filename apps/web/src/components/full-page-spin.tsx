import { Space, Spin, Typography } from 'antd';

export function FullPageSpin({ tip = '正在加载…' }: { tip?: string }) {
  return (
    <div style={{ minHeight: '40vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Space orientation="vertical" align="center">
        <Spin size="large" />
        <Typography.Text type="secondary">{tip}</Typography.Text>
      </Space>
    </div>
  );
}
