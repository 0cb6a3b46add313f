import { findEventName, findLead, kindOf, reportBody } from './event';
import { splitParagraphs } from '../text/paragraphs';

describe('event, lead and end of report', () => {
  const article = splitParagraphs(
    [
      'Bồi dưỡng nghiệp vụ cho phóng viên',
      'Chú thích ảnh',
      'Sáng 11/9, Sở Ngoại vụ tổ chức Lớp bồi dưỡng kiến thức đối ngoại năm 2024 cho 80 phóng viên.',
      'Các học viên thảo luận sôi nổi.',
      'Bài và ảnh: Minh Anh',
      'Sáng 12/9, tại Hải Phòng, Hội nghị xúc tiến đầu tư được tổ chức.',
    ].join('\n'),
  );

  it('takes as lead the first paragraph that names an event and says it was held', () => {
    expect(findLead(article)?.number).toBe(3);
    expect(findLead(splitParagraphs('Hội nghị tập huấn\nGiá vàng hôm nay'))).toBeNull();
  });

  it('ends the report at a byline, related news or navigation', () => {
    expect(reportBody(article, article[2], { day: 11, month: 9 })).toBe(5);
    const related = splitParagraphs('Sáng 1/2, Ban X tổ chức hội nghị.\nNội dung.\nTin liên quan\nTin khác');
    expect(reportBody(related, related[0], { day: 1, month: 2 })).toBe(3);
  });

  it('ends the report at a teaser that opens with another date and another event', () => {
    const teaser = splitParagraphs(
      'Sáng 1/2, Ban X tổ chức hội nghị.\n![]() Tối 5/2, Lễ trao giải sẽ diễn ra tại Huế.',
    );
    expect(reportBody(teaser, teaser[0], { day: 1, month: 2 })).toBe(2);
  });

  it('reads the event name up to the audience or venue', () => {
    expect(
      findEventName('Sở Ngoại vụ tổ chức Lớp bồi dưỡng kiến thức đối ngoại năm 2024 cho 80 phóng viên.')?.text,
    ).toBe('Lớp bồi dưỡng kiến thức đối ngoại năm 2024');
    expect(findEventName('Hội nghị tập huấn công tác nhân quyền năm 2023 cho cán bộ các tỉnh.')?.text).toBe(
      'Hội nghị tập huấn công tác nhân quyền năm 2023',
    );
  });

  it('tells the kind of event from its name', () => {
    expect(kindOf('Hội nghị tập huấn công tác thông tin đối ngoại')).toBe('training_conference');
    expect(kindOf('Hội nghị toàn quốc quán triệt Chỉ thị 05')).toBe('national_conference');
    expect(kindOf('Hội thảo khoa học về ngoại giao văn hóa')).toBe('workshop');
    expect(kindOf('Lễ trao Giải báo chí về thông tin đối ngoại')).toBe('award_ceremony');
    expect(kindOf('Hội nghị sơ kết 6 tháng')).toBe('other');
  });
});
