import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { isApiRoute, type AuthedRequest } from '../../auth/auth.guard';
import { NotificationsService } from '../../notifications/notifications.service';

export type PageRequest = AuthedRequest & { unreadNotifications?: number };

/**
 * For a signed-in person's page, counts their unread messages before the handler runs, so that
 * the layout (rendered synchronously) can show 消息 with the count in the menu. JSON calls skip it. Form
 * posts count too: most answer 303, but one refused is the page again, menu and count included.
 */
@Injectable()
export class UnreadCountInterceptor implements NestInterceptor {
  constructor(private readonly notifications: NotificationsService) {}

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (ctx.getType() === 'http') {
      const req = ctx.switchToHttp().getRequest<PageRequest>();
      if (req.user && !isApiRoute(ctx)) req.unreadNotifications = await this.notifications.unreadCount(req.user.id);
    }
    return next.handle();
  }
}
