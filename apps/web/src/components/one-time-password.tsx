import { Alert, Modal, Typography } from 'antd';

/** Shows a one-time password once; the server never shows it again. */
export function OneTimePasswordModal({
  open,
  username,
  password,
  title,
  onClose,
}: {
  open: boolean;
  username: string;
  password: string;
  title: string;
  onClose: () => void;
}) {
  return (
    <Modal
      open={open}
      title={title}
      onOk={onClose}
      onCancel={onClose}
      okText="确定"
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
    >
      <Alert
        type="warning"
        showIcon
        title="初始密码仅显示这一次"
        description="请立即复制并通过安全渠道交给本人。用户首次登录时必须修改密码。"
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph>
        用户名：<Typography.Text strong>{username}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph>
        初始密码：
        <Typography.Text code copyable={{ text: password, tooltips: ['复制', '已复制'] }} style={{ fontSize: 16 }}>
          {password}
        </Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}
