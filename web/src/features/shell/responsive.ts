import { Grid } from 'antd';

/** True below antd's `md` breakpoint (768 px): phones get a drawer and card lists. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return (
    screens.md === false ||
    (screens.md === undefined && typeof window !== 'undefined' && window.innerWidth < 768)
  );
}
