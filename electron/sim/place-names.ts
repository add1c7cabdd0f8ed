/**
 * The names the simulated city uses: roads, police stations (one patrol zone each), villages and
 * the words cameras are named with. Modelled on Zoucheng; not a survey.
 */

/** City streets running east-west, north to south. */
export const cityStreetsEastWest = [
  '北环路',
  '太平路',
  '钢山街',
  '千泉街',
  '峄山南路',
  '平阳路',
  '崇义路',
  '仁和街',
  '繁荣路',
  '南环路',
] as const;

/** City streets running north-south, west to east. */
export const cityStreetsNorthSouth = [
  '西外环路',
  '唐王山路',
  '岗山路',
  '护驾山路',
  '金山大道',
  '矿建路',
  '凫山路',
  '东滩路',
  '孟子大道',
  '东外环路',
] as const;

/** Country roads running east-west across the county, north to south. */
export const ruralRoadsEastWest = [
  '郭里路',
  'S342省道',
  '北宿路',
  '香城大道',
  'G327国道',
  '石墙路',
  '大束路',
  '城前路',
] as const;

/** Country roads running north-south, west to east; the first is the expressway. */
export const ruralRoadsNorthSouth = [
  'G3京台高速',
  '太平路北延',
  'G104国道',
  '唐村路',
  'S244省道',
  '田黄路',
  '张庄路',
  '峄山大道',
] as const;

/** Police stations by region; each is one patrol zone. Eight per region. */
export const stationsByRegion = [
  {
    name: '城区',
    stations: ['钢山', '千泉', '凫山', '岗山', '崇义', '仁和', '孟子湖', '经济开发区'],
  },
  {
    name: '邹西',
    stations: ['太平', '北宿', '中心店', '唐村', '看庄', '峄山', '郭里', '兴隆庄'],
  },
  {
    name: '邹东',
    stations: ['香城', '城前', '大束', '田黄', '石墙', '张庄', '平阳寺', '东滩'],
  },
] as const;

export const gridOrdinals = ['一', '二'] as const;

export const villageSurnames = [
  ...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾孔孟颜曲程田付鲍',
];

export const villagePrefixes = ['', '', '', ...'东西南北前后大小'];

export const villageSuffixes = [...'庄村屯营集楼店河桥岭', '家洼', '家寨', '官庄', '庄子'];

/** What a camera by a village looks at. */
export const villageSpots = ['村口', '村委会', '小学门口', '文化广场', '卫生室', '桥头'] as const;

/** Checkpoint kinds, as the county counts them (670 checkpoints / e-police / micro-checkpoints). */
export const checkpointWords = ['治安卡口', '电子警察', '微卡口'] as const;
