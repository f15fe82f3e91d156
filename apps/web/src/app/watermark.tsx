import { Watermark } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';

/** The current time, updated on each minute boundary. */
function useMinute(): dayjs.Dayjs {
  const [now, setNow] = useState(() => dayjs());
  useEffect(() => {
    let interval: ReturnType<typeof setInterval> | undefined;
    const first = setTimeout(
      () => {
        setNow(dayjs());
        interval = setInterval(() => setNow(dayjs()), 60_000);
      },
      60_000 - (Date.now() % 60_000),
    );
    return () => {
      clearTimeout(first);
      if (interval) clearInterval(interval);
    };
  }, []);
  return now;
}

/** Tiles the viewer's name and the time over every internal page, so a photo of the screen is traceable. */
export function UserWatermark({ name, children }: { name: string; children: ReactNode }) {
  const now = useMinute();
  return (
    <Watermark
      content={[name, now.format('YYYY-MM-DD HH:mm')]}
      font={{ color: 'rgba(0, 0, 0, 0.07)', fontSize: 15 }}
      gap={[120, 120]}
    >
      {children}
    </Watermark>
  );
}
