import { useMemo } from 'react';
import { feature } from 'topojson-client';
import { EChart, echarts } from './EChart.tsx';
import type { RegionTopology } from './map-types.ts';

export type MapValue = { code: string; name: string; value: number | null; display: string };

/**
 * A choropleth of the children of a region: provinces for the nation, regencies/cities for a
 * province, the regency itself below that. Colours follow `values` (any indicator); a click on a
 * shape calls `onSelect` with its Kemendagri code (drill-down).
 */
export function ChoroplethMap({
  topology,
  regionCode,
  level,
  values,
  label,
  colours,
  onSelect,
}: {
  topology: RegionTopology;
  regionCode: string;
  level: number;
  values: MapValue[];
  label: string;
  /** Low → high colours of the scale. */
  colours?: string[];
  onSelect?: (code: string) => void;
}) {
  const mapName = `netra-${regionCode}`;
  const registered = useMemo(() => {
    const object = level === 0 ? topology.objects.provinces : topology.objects.regencies;
    const all = feature(topology, object);
    const features = all.features.filter((f) => {
      const code = String(f.properties?.code);
      return level === 0
        ? true
        : level === 1
          ? code.startsWith(`${regionCode}.`)
          : code === regionCode.slice(0, 5);
    });
    echarts.registerMap(mapName, { type: 'FeatureCollection', features } as never);
    return features.length;
  }, [topology, regionCode, level, mapName]);

  const option = useMemo(() => {
    const numbers = values.map((v) => v.value).filter((v): v is number => v !== null);
    const max = Math.max(1, ...numbers);
    const byCode = new Map(values.map((v) => [v.code, v]));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string }) => {
          const v = byCode.get(p.name);
          return v ? `${v.name}<br/>${v.display}` : p.name;
        },
      },
      visualMap: {
        min: 0,
        max,
        left: 'left',
        bottom: 0,
        calculable: true,
        inRange: { color: colours ?? ['#e7f5ff', '#74c0fc', '#1c7ed6', '#0b3d91'] },
      },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'code',
          roam: true,
          selectedMode: false,
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd43b' } },
          itemStyle: { borderColor: '#fff', borderWidth: 0.5, areaColor: '#dee2e6' },
          data: values.filter((v) => v.value !== null).map((v) => ({ name: v.code, value: v.value })),
        },
      ],
    };
  }, [values, mapName, colours]);

  if (registered === 0) return null;
  return <EChart option={option} height={420} label={label} onClick={onSelect} />;
}
