import { Progress, Stack, Text } from '@mantine/core';

/** The progress of one upload, announced to screen readers by the progressbar role. */
export function UploadProgress({ name, fraction }: { name: string; fraction: number | null }) {
  if (fraction === null) return null;
  const pct = Math.round(fraction * 100);
  return (
    <Stack gap={2}>
      <Text size="sm">
        Uploading {name}: {pct}%
      </Text>
      <Progress value={pct} aria-label={`Upload of ${name}`} animated={pct < 100} />
    </Stack>
  );
}
