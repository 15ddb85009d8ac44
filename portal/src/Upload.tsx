import { Button, Group, Progress, Stack, Text } from '@mantine/core';

/** The progress of one upload, announced to screen readers by the progressbar role. */
export function UploadProgress({ name, fraction, onCancel }: { name: string; fraction: number | null; onCancel?: () => void }) {
  if (fraction === null) return null;
  const pct = Math.round(fraction * 100);
  return (
    <Stack gap={2}>
      <Group justify="space-between">
        <Text size="sm">
          Uploading {name}: {pct}%
        </Text>
        {onCancel && pct < 100 && (
          <Button size="compact-xs" variant="default" aria-label={`Cancel upload of ${name}`} onClick={onCancel}>Cancel</Button>
        )}
      </Group>
      <Progress value={pct} aria-label={`Upload of ${name}`} animated={pct < 100} />
    </Stack>
  );
}
